/**
 * Requests for routes that match patterns rather than names: a path a route's regular expression
 * accepts (Traefik PathRegexp, Gateway API RegularExpression), a host name for a wildcard host or
 * a Traefik HostRegexp, so these routes are probed like the others. randexp generates the string; it is
 * made deterministic (shortest repetitions, first alternative, letters for "any character") and
 * then checked against the pattern, so a path is only ever returned when it really matches.
 * Go's RE2 syntax (Traefik's) and JavaScript's agree on what routes use in practice; a pattern
 * JavaScript cannot compile, or one no plain path satisfies, yields undefined (probe skipped).
 */
import RandExp from "randexp";

const PRINTABLE_PATH = /^\/[\x21-\x7e]*$/;
const HOST_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** RFC 3986 unreserved characters, as code point ranges in ascending order. */
const UNRESERVED: ReadonlyArray<[number, number]> = [
  [0x2d, 0x2e], // - .
  [0x30, 0x39], // 0-9
  [0x41, 0x5a], // A-Z
  [0x5f, 0x5f], // _
  [0x61, 0x7a], // a-z
  [0x7e, 0x7e], // ~
];
/** Index of "a" in that range: 2 + 10 + 26 + 1. */
const UNRESERVED_BEFORE_A = 39;

export function samplePath(pattern: string): string | undefined {
  // Unanchored patterns ("\.png$") match inside a path: put them under the root.
  return sample(pattern, (s) => [s, `/${s}`], (c) => PRINTABLE_PATH.test(c) && !/[?#]/.test(c));
}

/**
 * A host name a Traefik HostRegexp accepts: v3 takes a regular expression, v2 a template whose
 * `{name:regexp}` parts are regular expressions (`{name}` alone: one label).
 */
export function sampleHostFromRegexp(pattern: string): string | undefined {
  const source = pattern.includes("{") && !pattern.startsWith("^") ? `^${v2Template(pattern)}$` : pattern;
  return sample(source, (s) => [s.toLowerCase()], (c) => HOST_NAME.test(c));
}

function v2Template(template: string): string {
  let out = "";
  for (const part of template.split(/(\{[^{}]*\})/)) {
    if (part.startsWith("{") && part.endsWith("}")) {
      const colon = part.indexOf(":");
      out += colon < 0 ? "[a-z0-9-]+" : `(?:${part.slice(colon + 1, -1)})`;
    } else out += part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  }
  return out;
}

function sample(pattern: string, candidates: (s: string) => string[], valid: (c: string) => boolean): string | undefined {
  // RE2 named groups (?P<name>...) are (?<name>...) in JavaScript.
  const source = pattern.replace(/\(\?P</g, "(?<");
  let regex: RegExp;
  try {
    regex = new RegExp(source);
  } catch {
    return undefined;
  }
  let sample: string;
  try {
    // randexp's parser knows no named groups; for generating, a plain group is the same.
    const generator = new RandExp(source.replace(/\(\?<[A-Za-z_][A-Za-z0-9_]*>/g, "(?:"));
    generator.max = 2;
    // "Any character" and negated classes draw from URL-unreserved characters (classes are
    // intersected with this range), and prefer "a" there; otherwise the first choice wins.
    generator.defaultRange.subtract(0, 0x10ffff);
    for (const [from, to] of UNRESERVED) generator.defaultRange.add(from, to);
    const whole = generator.defaultRange.length;
    generator.randInt = (from: number, to: number) => (from === 0 && to >= whole - 2 && to <= whole - 1 ? Math.min(UNRESERVED_BEFORE_A, to) : from);
    sample = generator.gen();
  } catch {
    return undefined;
  }
  for (const candidate of candidates(sample)) {
    if (valid(candidate) && regex.test(candidate)) return candidate;
  }
  return undefined;
}

/** A concrete name under a wildcard host ("*.example.com" -> "kubegate-probe.example.com"). */
export function sampleHost(host: string): string | undefined {
  return /^\*\.[A-Za-z0-9.-]+$/.test(host) ? `kubegate-probe${host.slice(1)}` : undefined;
}
