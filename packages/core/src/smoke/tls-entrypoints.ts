import type { IngressController } from "../workloads/ingress-controllers.js";

/**
 * Entrypoints that terminate TLS for every router on them: Traefik's
 * `--entrypoints.<name>.http.tls[=true]` (or `...http.tls.certResolver=...`). Without any, the
 * conventional names (websecure, https) are taken as the TLS ones.
 */
export function tlsEntrypoints(controller: IngressController | undefined, entrypoints: readonly string[]): Set<string> {
  const declared = new Set<string>();
  for (const arg of controller?.container.args ?? []) {
    const m = /^--entrypoints\.([^.=]+)\.http\.tls(?:\.[^=]+)?(?:=(.*))?$/i.exec(arg);
    if (m && m[2]?.toLowerCase() !== "false") declared.add(m[1]!.toLowerCase());
  }
  const named = entrypoints.filter((e) => declared.has(e.toLowerCase()));
  if (named.length > 0) return new Set(named);
  return new Set(entrypoints.filter((e) => /secure|https|tls/i.test(e)));
}
