import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef, groupOf } from "../../normalize/index.js";
import { findIngressControllers, parseControllerVersion, type ControllerSelectorOption, type ControllerVersion, type IngressController } from "../../workloads/index.js";
import { formatPath } from "./schema-errors.js";

/**
 * Traefik before v2.5 typed every service `port` of its CRDs as int32 (LoadBalancerSpec,
 * ServiceTCP, ServiceUDP). One object with a string port (`"8080s"`, or a named port `http`)
 * made the informer's whole list fail to decode - "v1alpha1.Service.LoadBalancerSpec: Port:
 * readUint32: unexpected character" - so Traefik dropped every IngressRoute and served 404 for
 * all routes after its next restart (traefik/traefik#8098 and #6614, fixed in v2.5 with
 * int-or-string ports; incident 000).
 */
export const INT_PORT_KINDS: ReadonlySet<string> = new Set(["IngressRoute", "IngressRouteTCP", "IngressRouteUDP", "Middleware", "TraefikService"]);

/** Traefik v2.0-v2.4 only watches this group; traefik.io objects are not read by it at all. */
const TRAEFIK_V2_GROUP = "traefik.containo.us";

/** Traefik 2.0-2.4 decode ports as integers only; v1 has no CRD provider, unknown tags get the benefit of the doubt. */
export function decodesPortsAsIntegers(version: ControllerVersion | undefined): boolean {
  return version !== undefined && version.major === 2 && version.minor !== undefined && version.minor < 5;
}

/** Traefik controllers in `set` whose image tag is older than v2.5. */
export function integerPortControllers(set: ManifestSet, explicit: ControllerSelectorOption[]): IngressController[] {
  return findIngressControllers(set, explicit).filter((c) => c.family === "traefik" && decodesPortsAsIntegers(parseControllerVersion(c.version)));
}

/** Objects Traefik < v2.5 reads and decodes with integer-only ports. */
export function isIntPortObject(manifest: Manifest): boolean {
  return groupOf(manifest.ref.apiVersion) === TRAEFIK_V2_GROUP && INT_PORT_KINDS.has(manifest.ref.kind);
}

export interface StringPort {
  path: string;
  value: string;
}

/**
 * Every `port` holding a string under `spec`: routes[].services[], TraefikService weighted and
 * mirroring services, the errors middleware's service. `spec.plugin` is free-form JSON that
 * Traefik decodes leniently, so it is skipped.
 */
export function stringPorts(object: Record<string, unknown>): StringPort[] {
  const found: StringPort[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, String(i)]));
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (path.length === 1 && key === "plugin") continue;
      if (key === "port" && typeof value === "string") found.push({ path: formatPath([...path, key]), value });
      else walk(value, [...path, key]);
    }
  };
  walk(object.spec, ["spec"]);
  return found;
}

export function describeControllers(controllers: IngressController[]): string {
  return controllers.map((c) => `Traefik ${c.version} (${describeRef(c.manifest.ref)})`).join(", ");
}
