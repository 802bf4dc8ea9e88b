/**
 * A deliberately small TOML reader: just enough of TOML to find `storage` under
 * `[certificatesResolvers.<name>.acme]` (Traefik v2+) or `[acme]` (Traefik v1) in a static config.
 * Reads tables, arrays of tables, dotted and quoted keys, strings and booleans; other values
 * (numbers, arrays, inline tables, multi-line strings) are kept as their raw text.
 * Lines it does not understand are skipped: a config kubegate cannot read must not crash a rule.
 */
export type TomlTable = { [key: string]: TomlValue };
export type TomlValue = string | boolean | TomlTable | TomlTable[];

export function parseTomlLite(text: string): TomlTable {
  const root: TomlTable = {};
  let current = root;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = stripComment(rawLine).trim();
    if (line === "") continue;
    const arrayHeader = /^\[\[(.+)\]\]$/.exec(line);
    const header = arrayHeader ? undefined : /^\[(.+)\]$/.exec(line);
    if (arrayHeader) {
      const keys = splitKey(arrayHeader[1]!);
      const parent = tableAt(root, keys.slice(0, -1));
      const last = keys[keys.length - 1]!;
      const list = Array.isArray(parent[last]) ? (parent[last] as TomlTable[]) : (parent[last] = []);
      current = {};
      list.push(current);
      continue;
    }
    if (header) {
      current = tableAt(root, splitKey(header[1]!));
      continue;
    }
    const eq = findUnquoted(line, "=");
    if (eq < 0) continue;
    const keys = splitKey(line.slice(0, eq));
    if (keys.length === 0) continue;
    tableAt(current, keys.slice(0, -1))[keys[keys.length - 1]!] = parseValue(line.slice(eq + 1).trim());
  }
  return root;
}

function tableAt(root: TomlTable, keys: string[]): TomlTable {
  let table = root;
  for (const key of keys) {
    let next = table[key];
    if (Array.isArray(next)) next = next[next.length - 1]; // `[a.b]` after `[[a]]` extends the last element
    if (next === undefined || typeof next !== "object") table[key] = next = {};
    table = next as TomlTable;
  }
  return table;
}

/** `a."b.c".d` -> ["a", "b.c", "d"]. */
function splitKey(text: string): string[] {
  const keys: string[] = [];
  const re = /\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*(?:\.|$)/y;
  let match: RegExpExecArray | null;
  while (re.lastIndex < text.length && (match = re.exec(text))) keys.push(match[1] ?? match[2] ?? match[3]!);
  return keys;
}

function parseValue(text: string): TomlValue {
  if (text.startsWith('"') && !text.startsWith('"""')) {
    const m = /^"((?:[^"\\]|\\.)*)"/.exec(text);
    if (m) return unescape(m[1]!);
  }
  if (text.startsWith("'") && !text.startsWith("'''")) {
    const m = /^'([^']*)'/.exec(text);
    if (m) return m[1]!;
  }
  if (text === "true") return true;
  if (text === "false") return false;
  return text;
}

function unescape(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|.)/g, (_, e: string) => {
    if (e.startsWith("u")) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e;
  });
}

function stripComment(line: string): string {
  const hash = findUnquoted(line, "#");
  return hash < 0 ? line : line.slice(0, hash);
}

/** Index of `ch` outside of "..." and '...' strings, or -1. */
function findUnquoted(line: string, ch: string): number {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === "\\" && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ch) return i;
  }
  return -1;
}
