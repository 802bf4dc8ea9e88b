import type { Manifest } from "../../model/manifest.js";
import type { Route } from "../../routes/index.js";

/** Where an object comes from, for messages: release and template, or file. */
export function where(m: Manifest): string {
  const parts = [m.source.release ? `release ${m.source.release}` : undefined, m.source.helmSource ?? m.source.file];
  return parts.filter(Boolean).join(", ");
}

export function hostList(hosts: Iterable<string>): string {
  const list = [...new Set(hosts)];
  return `host${list.length > 1 ? "s" : ""} ${list.join(", ")}`;
}

/** Routes are matched across base and head by host and path, whichever object serves them. */
export function hostPathKeys(route: Route): string[] {
  return route.hosts.map((h) => `${String(h).toLowerCase()}|${route.path?.value ?? "/"}`);
}

export function secretKeyOf(route: Route): string | undefined {
  return route.tls?.secretName ? `${route.source.ref.namespace}/${route.tls.secretName}` : undefined;
}
