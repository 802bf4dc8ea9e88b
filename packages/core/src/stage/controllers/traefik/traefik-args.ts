/**
 * Traefik's static configuration as command-line flags: parsing (the way Traefik's own flag
 * parser, paerser, reads them) and the rewrite that turns a production pod's args into the args
 * of a staging process. Pure functions: args in, args out.
 *
 * What users configured is what runs: entrypoints, Kubernetes providers and their options,
 * ping/api flags, server transports, core settings. What staging needs is changed or added:
 * entrypoints listen on the sandbox's loopback (same ports), API server access for every
 * Kubernetes provider, ACME resolvers without network, no log
 * files, no exporters, an API entrypoint to check readiness and sync. Every change is noted.
 */

import { readUserFlags } from "./traefik-args-read.js";
import { placeEntrypoints, placeProviders, placeResolvers, placeStagingFlags } from "./traefik-args-place.js";
import type { TraefikFlag, TraefikRewrite, TraefikRewriteContext } from "./traefik-args-types.js";

export * from "./traefik-args-types.js";
export { parseAddress, type ParsedAddress } from "./entrypoint-address.js";

export interface ParsedTraefikArgs {
  flags: TraefikFlag[];
  /** Words that are not flags (a leading "traefik" from `args: [traefik, ...]`, or anything after "--"). */
  positional: string[];
}

/**
 * Reads `--key=value`, `-key=value`, `--key value` and bare `--key`. Without Traefik's type
 * information, a word after a flag that does not start with "-" is taken as its value (Helm
 * charts and docs always write `--key=value`, and a bare boolean followed by a word would stop
 * Traefik's own parser anyway).
 */
export function parseTraefikArgs(args: readonly string[]): ParsedTraefikArgs {
  const flags: TraefikFlag[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg.length < 2) {
      positional.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    if (eq > 0) {
      const key = body.slice(0, eq);
      flags.push({ key, lower: key.toLowerCase(), value: body.slice(eq + 1) });
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith("-")) {
      flags.push({ key: body, lower: body.toLowerCase(), value: next });
      i++;
    } else {
      flags.push({ key: body, lower: body.toLowerCase() });
    }
  }
  return { flags, positional };
}

export function formatTraefikFlag(flag: Pick<TraefikFlag, "key" | "value">): string {
  return flag.value === undefined ? `--${flag.key}` : `--${flag.key}=${flag.value}`;
}

/**
 * Turns a Traefik container's args into the staging process's args. `args` are the container's
 * `args` (and `command` words after the binary, if the manifest puts flags there).
 */
export function rewriteTraefikArgs(args: readonly string[], ctx: TraefikRewriteContext): TraefikRewrite {
  const notes: string[] = [];
  const parsed = parseTraefikArgs(args);
  const base = { notes, entrypoints: [], providers: [], pingEntrypoint: "traefik", apiEntrypoint: "traefik", apiPath: "/api", certResolvers: [] };
  const v1 = ctx.major === 1 ? "the image is Traefik v1" : v1Style(parsed.flags);
  if (v1) {
    return {
      ...base,
      unsupported: `Traefik v1 static configuration cannot be staged (${v1}): kubegate runs Traefik v2/v3, whose configuration differs (entryPoints, providers, ACME); migrate to Traefik v2+ or stage with a v2+ manifest`,
    };
  }
  const words = parsed.positional.filter((w, i) => !(i === 0 && /(^|\/)traefik$/.test(w)));
  if (words.length > 0) notes.push(`ignored non-flag arguments: ${words.join(" ")}`);

  const config = readUserFlags(parsed.flags, notes);
  const entrypoints = placeEntrypoints(config);
  const providers = placeProviders(config, ctx);
  const certResolvers = placeResolvers(config, ctx);
  placeStagingFlags(config);
  return {
    args: config.out.map(formatTraefikFlag),
    notes,
    entrypoints,
    providers,
    pingEntrypoint: config.pingEntrypoint ?? "traefik",
    apiEntrypoint: "traefik",
    apiPath: `${(config.apiBasePath ?? "").replace(/\/+$/, "")}/api`,
    certResolvers,
  };
}

/** Signs of Traefik v1 flags: `--kubernetes`, `--defaultEntryPoints`, `--entryPoints=Name:http Address::80`, `--web`. */
function v1Style(flags: readonly TraefikFlag[]): string | undefined {
  const sign = flags.find(
    (f) =>
      f.lower === "kubernetes" ||
      f.lower.startsWith("kubernetes.") ||
      f.lower === "defaultentrypoints" ||
      (f.lower === "entrypoints" && /name:/i.test(f.value ?? "")) ||
      f.lower === "web" ||
      f.lower.startsWith("web.") ||
      f.lower === "acme" ||
      f.lower.startsWith("acme."),
  );
  return sign ? `flag --${sign.key} is v1 syntax` : undefined;
}
