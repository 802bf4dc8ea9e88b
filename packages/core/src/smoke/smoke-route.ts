import type { ResourceRef } from "../model/kube-object.js";
import type { ExpectedBackend, ProbeResult } from "../probe/probe-target.js";

export type SmokeStage = "base" | "head" | "afterRestart";

/** One route as the smoke test knows it: identified across base and head by source, host and path. */
export interface SmokeRouteId {
  /** `IngressRoute shop/web probe.example.com/api` */
  id: string;
  source: ResourceRef;
  file?: string;
  line?: number;
  host: string;
  /** The Host (and SNI) sent when `host` is a wildcard: a concrete name under it. */
  requestHost?: string;
  /** The request path (for a regular-expression route, a path its pattern accepts). */
  path: string;
  tls: boolean;
  entrypoint: string;
  expected?: ExpectedBackend;
}

/** What one probe at one stage found, as the JSON report prints it. */
export interface StageOutcome {
  ok: boolean;
  status?: number;
  reached?: ExpectedBackend;
  certificate?: { altNames: string[]; coversHost: boolean; trusted: boolean; issuer: string };
  problem?: string;
  /** Set when the backend's stand-in refused because an emulated NetworkPolicy denies the controller. */
  networkPolicy?: string;
  attempts: number;
  elapsedMs: number;
}

export interface SmokeRouteResult extends SmokeRouteId {
  /** null: the route does not exist at that stage (added or deleted by the change). */
  base: StageOutcome | null;
  head: StageOutcome | null;
  afterRestart: StageOutcome | null;
  /** Why a route was not probed (regex path, no entrypoint...). */
  skipped?: string;
  /** The Secret (`namespace/name`) the route's TLS names, when it names one. */
  tlsSecret?: string;
}

export function toOutcome(result: ProbeResult): StageOutcome {
  return {
    ok: result.ok,
    ...(result.status !== undefined ? { status: result.status } : {}),
    ...(result.reached ? { reached: result.reached } : {}),
    ...(result.certificate ? { certificate: { altNames: result.certificate.altNames, coversHost: result.certificate.coversHost, trusted: result.certificate.trusted, issuer: result.certificate.issuer } } : {}),
    ...(result.problem ? { problem: result.problem } : {}),
    attempts: result.attempts,
    elapsedMs: result.elapsedMs,
  };
}
