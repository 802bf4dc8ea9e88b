/**
 * Applies objects to a staging cluster the way users' tools do: server-side apply with field
 * manager "kubegate" (forcing ownership: the cluster is kubegate's), of the JSON as written (see
 * raw-client.ts). CustomResourceDefinitions and Namespaces go first and the CRDs must be Established before anything else is applied, so
 * custom resources of the same manifests find their types. Admission webhooks and APIServices go
 * last: their backends do not run in staging, and applied earlier they would reject or hide
 * everything after them.
 */
import { ApiException, KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import type { Logger } from "../../log/logger.js";
import { KubeHttpError, RawKubeClient, UnknownKindError } from "./raw-client.js";

export const FIELD_MANAGER = "kubegate";

/** Server-side applies in flight at once. */
const APPLY_CONCURRENCY = 16;

export interface ApplyOptions {
  logger?: Logger;
  /** How long CRDs may take to become Established (default 60 s). */
  establishTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface ApplyFailure {
  /** "Kind namespace/name". */
  object: string;
  message: string;
}

export interface ApplyResult {
  applied: string[];
  /** Milliseconds, for progress reports. */
  elapsedMs: number;
}

export class ApplyError extends Error {
  override name = "ApplyError";
  constructor(readonly failures: ApplyFailure[], readonly applied: string[]) {
    super(`${failures.length} object(s) could not be applied:\n${failures.map((f) => `  ${f.object}: ${f.message}`).join("\n")}`);
  }
}

const LAST_KINDS = new Set(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "APIService"]);

/** Apply order: 0 CRDs and Namespaces, 1 everything else, 2 webhooks and APIServices. */
export function applyPhase(object: { apiVersion: string; kind: string }): 0 | 1 | 2 {
  if (object.kind === "CustomResourceDefinition" && object.apiVersion.startsWith("apiextensions.k8s.io/")) return 0;
  if (object.kind === "Namespace" && object.apiVersion === "v1") return 0;
  if (LAST_KINDS.has(object.kind)) return 2;
  return 1;
}

export function describeObject(o: { kind?: string; metadata?: { namespace?: string; name?: string } }): string {
  return `${o.kind ?? "?"} ${o.metadata?.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata?.name ?? "?"}`;
}

/** A copy without what a server-side apply must not carry (resourceVersion, uid, status of built-ins...). */
export function applyBody<T extends KubernetesObject>(object: T): T {
  const copy = structuredClone(object) as T & { status?: unknown };
  if (copy.metadata) {
    for (const key of ["resourceVersion", "uid", "creationTimestamp", "generation", "managedFields", "selfLink"] as const) delete (copy.metadata as Record<string, unknown>)[key];
  }
  delete copy.status;
  return copy;
}

/**
 * Server-side applies `objects` in phases; throws an ApplyError listing every object that failed
 * (after trying all of them), or a plain Error when CRDs do not become Established.
 */
export async function applyManifests(kubeconfig: string | KubeConfig, objects: readonly KubernetesObject[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const t0 = Date.now();
  const kc = typeof kubeconfig === "string" ? loadKubeConfig(kubeconfig) : kubeconfig;
  const client = new RawKubeClient(kc);
  const applied: string[] = [];
  const failures: ApplyFailure[] = [];
  try {
    for (const phase of [0, 1, 2] as const) {
      const batch = objects.filter((o) => applyPhase({ apiVersion: o.apiVersion ?? "", kind: o.kind ?? "" }) === phase);
      // Objects of one phase do not depend on each other: a few requests in flight cut a
      // thousand-object apply from minutes to seconds without crowding the API server.
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < batch.length) {
          const object = batch[next++]!;
          options.signal?.throwIfAborted();
          const name = describeObject(object);
          try {
            await applyOne(client, object);
            applied.push(name);
            options.logger?.debug(`applied ${name}`);
          } catch (err) {
            failures.push({ object: name, message: apiMessage(err) });
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(APPLY_CONCURRENCY, batch.length) }, worker));
      if (phase === 0) {
        const crds = batch.filter((o) => o.kind === "CustomResourceDefinition").map((o) => o.metadata?.name ?? "").filter((n) => applied.includes(`CustomResourceDefinition ${n}`));
        if (crds.length > 0) await waitEstablished(client, crds, options);
      }
    }
  } finally {
    client.close();
  }
  if (failures.length > 0) throw new ApplyError(failures, applied);
  return { applied, elapsedMs: Date.now() - t0 };
}

/** One server-side apply; a type the API server does not serve yet (discovery lagging a fresh CRD) is retried briefly. */
async function applyOne(client: RawKubeClient, object: KubernetesObject): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.apply(applyBody(object), FIELD_MANAGER);
      return;
    } catch (err) {
      if (!(err instanceof UnknownKindError) || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function loadKubeConfig(path: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

interface CrdStatus {
  status?: { conditions?: Array<{ type: string; status?: string; message?: string }> };
}

/** Polls the CRDs over the apply's own connections (client-node's API clients open one per call). */
async function waitEstablished(client: RawKubeClient, names: string[], options: ApplyOptions): Promise<void> {
  const timeoutMs = options.establishTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  const pending = new Set(names);
  const problems = new Map<string, string>();
  while (pending.size > 0) {
    options.signal?.throwIfAborted();
    for (const name of [...pending]) {
      try {
        const answer = await client.request("GET", `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`);
        if (answer.status !== 200) throw new KubeHttpError(answer.status, answer.body, `CustomResourceDefinition ${name}`);
        const crd = JSON.parse(answer.body) as CrdStatus;
        const condition = (type: string): { status?: string; message?: string } | undefined => (crd.status?.conditions ?? []).find((c) => c.type === type);
        if (condition("Established")?.status === "True") pending.delete(name);
        else {
          const conflict = condition("NamesAccepted");
          if (conflict?.status === "False") problems.set(name, `NamesAccepted=False: ${conflict.message ?? ""}`);
        }
      } catch (err) {
        problems.set(name, apiMessage(err));
      }
    }
    if (pending.size === 0) break;
    if (Date.now() > deadline) {
      const detail = [...pending].map((n) => `${n}${problems.has(n) ? ` (${problems.get(n)})` : ""}`).join(", ");
      throw new Error(`CustomResourceDefinitions not Established after ${timeoutMs / 1000}s: ${detail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  options.logger?.debug(`${names.length} CRD(s) Established`);
}

/** The API server's own message (Status.message) when there is one. */
export function apiMessage(err: unknown): string {
  if (err instanceof KubeHttpError || err instanceof UnknownKindError) return err.message.replace(/^[^:]*: /, "");
  if (err instanceof ApiException) {
    const body = err.body as unknown;
    const parsed = typeof body === "string" ? safeJson(body) : body;
    const message = (parsed as { message?: string } | undefined)?.message;
    return `HTTP ${err.code}: ${message ?? String(body).slice(0, 300)}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

