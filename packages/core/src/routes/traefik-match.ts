import type { PathMatch } from "./route.js";

/**
 * Reads hosts and the first path matcher out of a Traefik rule such as
 * "Host(`a.example.com`) && PathPrefix(`/api`)". v2 allowed several values per matcher
 * ("Host(`a`, `b`)"); v3 uses one each joined with ||. Both are read.
 */
export function parseTraefikMatch(match: string): { hosts: string[]; path?: PathMatch; hostRegexps: string[] } {
  return {
    hosts: values(match, "Host"),
    hostRegexps: values(match, "HostRegexp"),
    ...firstPath(match),
  };
}

/** Quoted arguments of every `fn(...)` call; quotes are matched first, so a ")" inside a regexp is kept. */
function values(match: string, fn: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`\\b${fn}\\(\\s*((?:(?:\`[^\`]*\`|"[^"]*")\\s*,?\\s*)+)\\)`, "g");
  for (const m of match.matchAll(re)) {
    for (const v of (m[1] ?? "").matchAll(/`([^`]*)`|"([^"]*)"/g)) out.push(v[1] ?? v[2]!);
  }
  return out;
}

function firstPath(match: string): { path?: PathMatch } {
  const candidates: Array<[string, PathMatch["type"]]> = [["PathPrefix", "Prefix"], ["PathRegexp", "Regex"], ["Path", "Exact"]];
  for (const [fn, type] of candidates) {
    const value = values(match, fn)[0];
    if (value !== undefined) return { path: { type, value } };
  }
  return {};
}
