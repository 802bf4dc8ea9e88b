/**
 * Which matchers each Traefik rule syntax knows and what it does with their values (Traefik's
 * pkg/muxer/http and pkg/muxer/tcp: v3 takes one value per matcher, Header/HeaderRegexp two,
 * Query/QueryRegexp one or two; v2 takes lists and reads Host/Path/HostRegexp values as gorilla
 * mux templates, "{name:regexp}"). Returns why a call is wrong for a syntax, or undefined.
 */
import type { MatcherCall } from "./parse-rule.js";

export type RuleSyntax = "v2" | "v3";
export type RouterKind = "http" | "tcp";

type Arity = number[] | "any";
const TABLES: Record<RouterKind, Record<RuleSyntax, Record<string, Arity>>> = {
  http: {
    v3: { ClientIP: [1], Method: [1], Host: [1], HostRegexp: [1], Path: [1], PathRegexp: [1], PathPrefix: [1], Header: [2], HeaderRegexp: [2], Query: [1, 2], QueryRegexp: [1, 2] },
    v2: { Host: "any", HostHeader: "any", HostRegexp: "any", ClientIP: "any", Path: "any", PathPrefix: "any", Method: "any", Headers: [2], HeadersRegexp: [2], Query: "any" },
  },
  tcp: {
    v3: { HostSNI: [1], HostSNIRegexp: [1], ClientIP: [1], ALPN: [1] },
    v2: { HostSNI: "any", ClientIP: "any", ALPN: "any" },
  },
};

/** The v3 name of a v2-only matcher and the reverse, for the message. */
const RENAMED: Record<string, string> = { Headers: "Header", HeadersRegexp: "HeaderRegexp", HostHeader: "Host", Header: "Headers", HeaderRegexp: "HeadersRegexp", PathRegexp: "Path with a {name:regexp} template", QueryRegexp: "Query", HostSNIRegexp: "HostSNI" };

/** A v2 mux template such as "{subdomain:[a-z]+}" or "{id}". */
const TEMPLATE = /\{[A-Za-z_][A-Za-z0-9_]*(:[^}]*)?\}/;

export function matcherProblem(call: MatcherCall, syntax: RuleSyntax, kind: RouterKind): string | undefined {
  const arity = TABLES[kind][syntax][call.name];
  if (arity === undefined) {
    const other = TABLES[kind][syntax === "v3" ? "v2" : "v3"][call.name] !== undefined;
    const hint = RENAMED[call.name] ? ` (${syntax} uses ${RENAMED[call.name]})` : "";
    return other ? `${call.name} is a ${syntax === "v3" ? "v2" : "v3"}-only matcher${hint}` : `${call.name} is not a Traefik matcher`;
  }
  if (arity !== "any" && !arity.includes(call.args.length)) {
    return `${call.name} takes ${arity.join(" or ")} value${arity.length === 1 && arity[0] === 1 ? "" : "s"} in ${syntax} syntax, not ${call.args.length}${syntax === "v3" && call.args.length > 1 ? ` (join one ${call.name} per value with ||)` : ""}`;
  }
  if (call.args.length === 0) return `${call.name} has no value`;
  return syntax === "v3" ? v3ValueProblem(call) : v2ValueProblem(call);
}

function v3ValueProblem(call: MatcherCall): string | undefined {
  const value = call.args[0]!;
  if ((call.name === "HostRegexp" || call.name === "Path" || call.name === "PathPrefix" || call.name === "HostSNIRegexp") && TEMPLATE.test(value)) {
    const as = call.name === "HostRegexp" || call.name === "HostSNIRegexp" ? "a Go regular expression, which matches no real host" : "a literal path";
    return `${call.name}(\`${value}\`) uses a v2 {name:regexp} template, which v3 reads as ${as}`;
  }
  if ((call.name === "Path" || call.name === "PathPrefix") && !value.startsWith("/")) return `${call.name}(\`${value}\`) does not start with "/"`;
  if (call.name.endsWith("Regexp")) {
    try {
      new RegExp(call.args[call.args.length - 1]!);
    } catch {
      return `${call.name} value is not a valid regular expression`;
    }
  }
  return undefined;
}

function v2ValueProblem(call: MatcherCall): string | undefined {
  // v2 HostRegexp values are mux host templates: a v3-style regular expression is taken literally.
  if (call.name !== "HostRegexp") return undefined;
  const regexOnly = call.args.find((v) => !TEMPLATE.test(v) && /[\^$\\|()[\]+*?]/.test(v));
  return regexOnly === undefined ? undefined : `HostRegexp(\`${regexOnly}\`) is a v3 regular expression; v2 reads HostRegexp values as {name:regexp} host templates, so it matches no host`;
}
