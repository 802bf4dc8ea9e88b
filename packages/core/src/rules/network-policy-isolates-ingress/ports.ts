import type { TargetPort } from "./endpoints.js";
import type { Tri } from "./tri.js";

/** A Kubernetes NetworkPolicy port entry: number (with optional endPort) or a named container port. */
export function portEntryMatches(port: number | string | undefined, endPort: number | undefined, target: TargetPort | undefined): Tri {
  if (port === undefined) return true;
  if (typeof port === "string" && /^\d+$/.test(port)) port = Number(port);
  if (typeof port === "number") {
    if (target?.number === undefined) return "maybe";
    return endPort !== undefined ? target.number >= port && target.number <= endPort : target.number === port;
  }
  if (!target) return "maybe";
  if (target.names.includes(port)) return true;
  // A named policy port against a numeric target we could not name: the pod may still call it that.
  return target.names.length === 0 ? "maybe" : false;
}

/** A Calico port: 80, "80", "8000:8080" or a named port. */
export function calicoPortMatches(port: number | string, target: TargetPort | undefined): Tri {
  const range = typeof port === "string" ? /^(\d+):(\d+)$/.exec(port) : null;
  if (range) return portEntryMatches(Number(range[1]), Number(range[2]), target);
  return portEntryMatches(port, undefined, target);
}

export function isTcp(protocol: unknown): boolean {
  return protocol === undefined || String(protocol).toUpperCase() === "TCP" || protocol === 6;
}
