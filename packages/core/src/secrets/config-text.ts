import yaml from "js-yaml";
import { credentialFlag, looksLikeCredential, looksLikeCredentialValue } from "./credential-keys.js";

export const MASK = "***";

/** What a scan of a configuration text found: the text with each credential value masked, and those values. */
export interface TextScan {
  masked: string;
  secrets: string[];
}

/** `password=...` / `db.password: ...` (.properties, .ini, .env, YAML lines): a whole line assigning a value. */
const ASSIGNMENT = /^(\s*(?:export\s+|set\s+|-\s+)?["']?)([\w.\-[\]$]{1,128})(["']?\s*[=:]\s*)(\S.*)$/;
/** `db.password value` (.properties with a blank separator), nginx `set $api_key "value";`. */
const SPACED = /^(\s*(?:set\s+)?\$?)([\w.-]{1,128})(\s+"?)([^\s";]{1,4096})("?;?\s*)$/;
/** Credential headers of nginx snippets: `proxy_set_header X-Api-Key value;`. */
const HEADER = /^(\s*(?:proxy_set_header|more_set_input_headers|more_set_headers|add_header|grpc_set_header)\s+"?)([\w-]+)(:?"?\s+"?)([^";]+)(.*)$/;
/** `<password>value</password>` (Maven settings.xml, Tomcat context.xml). */
const XML_ELEMENT = /(<([\w.:-]{1,128})(?:\s[^>]{0,512})?>)([^<]{1,4096})(<\/\2>)/g;
/** `key=value` pairs inside a line: libpq (`host=db password=x`), -D system properties, ADO.NET `Password=x;`. */
const INLINE_PAIR = /(^|[\s;,&?("'])((?:-D)?[\w.\-[\]]{1,128})(\s?=\s?)("[^"]{1,4096}"|'[^']{1,4096}'|[^\s;&,"'<>]{1,4096})/g;
/** `"password": "..."` pairs of JSON text, several to a line. */
const JSON_PAIR = /("([\w.-]{1,128})"\s*:\s*")((?:[^"\\]|\\.){1,4096})"/g;
/** A cheap filter before parsing a text as YAML/JSON: it names a credential somewhere. */
const NAMES_A_CREDENTIAL = /pass|pwd|secret|token|key|auth|cred|dsn|conn|_pw\b|webhook|cookie|bearer/i;

/** Values under a credential name that are not credentials: switches, numbers, variable references. */
const NOT_A_CREDENTIAL = /^(\/[\w./-]+|true|false|yes|no|on|off|null|none|nil|required|optional|\d{1,6}|\$\{?[\w.]+\}?|\{\{[^}]*\}\}|%\([\w.]+\)s|<[\w -]+>)$/i;

/** `db[password]` and `$api_key` name what `db.password` and `api_key` name. */
const keyName = (key: string): string => key.replace(/^\$/, "").replace(/\[([^\]]*)\]/g, ".$1").replace(/^-D/, "");
const unquote = (v: string): string => (/^(["']).*\1$/s.test(v) ? v.slice(1, -1) : v);

/**
 * Credentials inside a configuration text (a ConfigMap file, an annotation, an env value, a shell
 * string): only their values are masked, so the rest stays readable in a diff. Lines are scanned
 * for assignments, XML elements, inline `key=value` pairs, credential flags and JSON pairs; a text
 * that parses as YAML or JSON is also walked key by key (block scalars, flow maps, next-line values).
 */
export function scanConfigText(text: string, walkValues?: (tree: unknown) => unknown[]): TextScan | undefined {
  if (!/[=:\s>]/.test(text) || text.includes("-----BEGIN ")) return undefined;
  const secrets: string[] = [];
  const keep = (value: string): string => {
    const v = unquote(value.trim());
    // `auth=true`, `password=$DB_PASSWORD`: no credential, and registering "true" would blank it out of every report.
    if (v === "" || v === MASK || NOT_A_CREDENTIAL.test(v)) return value;
    secrets.push(v);
    return MASK;
  };
  const lines = text.split("\n").map((raw) => {
    const cr = raw.endsWith("\r") ? "\r" : "";
    return scanLine(cr ? raw.slice(0, -1) : raw, keep) + cr;
  });
  if (walkValues && NAMES_A_CREDENTIAL.test(text)) structuredSecrets(text, walkValues, secrets);
  if (secrets.length === 0) return undefined;
  let masked = lines.join("\n");
  // Values found only by parsing (a block scalar's next line): masked wherever they appear.
  for (const s of new Set(secrets)) if (s.length >= 3 && masked.includes(s)) masked = masked.split(s).join(MASK);
  return { masked, secrets: [...new Set(secrets)] };
}

function scanLine(line: string, keep: (value: string) => string): string {
  const whole = ASSIGNMENT.exec(line) ?? SPACED.exec(line) ?? HEADER.exec(line);
  if (whole && looksLikeCredential(keyName(whole[2]!)) && whole[4]!.trim() !== "" && whole[4]!.trim() !== MASK) {
    const quoted = /^(["'])(.*)\1(\s*[;,]?\s*)$/.exec(whole[4]!.trim());
    const body = quoted ? `${quoted[1]}${keep(quoted[2]!)}${quoted[1]}${quoted[3]}` : keep(whole[4]!);
    return `${whole[1]}${whole[2]}${whole[3]}${body}${whole[5] ?? ""}`;
  }
  if (looksLikeCredentialValue(line)) return keep(line);
  let out = line;
  if (out.includes("<")) out = out.replace(XML_ELEMENT, (all, open: string, tag: string, value: string, close: string) => (looksLikeCredential(tag) ? `${open}${keep(value)}${close}` : all));
  if (out.includes("=")) out = out.replace(INLINE_PAIR, (all, lead: string, key: string, eq: string, value: string) => (looksLikeCredential(keyName(key)) && value !== MASK ? `${lead}${key}${eq}${keep(value)}` : all));
  if (out.includes('"')) out = out.replace(JSON_PAIR, (all, head: string, key: string, value: string) => (looksLikeCredential(key) && value !== MASK ? `${head}${keep(value)}"` : all));
  if (out.includes("-")) out = maskFlags(out, keep);
  return out;
}

/**
 * Command-line credentials in a line: `--password value`, `--token=value`, and the short flags of
 * the clients that take a password on the command line (`mysql -pvalue`, `redis-cli -a value`,
 * `curl -u user:value`, `sshpass -p value`).
 */
function maskFlags(line: string, keep: (value: string) => string): string {
  const words = line.split(/(\s+)/);
  let tool = "";
  for (let i = 0; i < words.length; i += 2) {
    const word = words[i]!;
    if (word === "" || word === MASK) continue;
    if (!word.startsWith("-")) {
      if (/^[\w./-]+$/.test(word)) tool = word.replace(/^.*\//, "");
      continue;
    }
    const next = words[i + 2];
    const flag = credentialFlag(word);
    if (flag?.inline) words[i] = `${word.slice(0, word.indexOf("=") + 1)}${keep(word.slice(word.indexOf("=") + 1))}`;
    else if (flag && next && !next.startsWith("-")) words[i + 2] = keep(next);
    else {
      const short = shortCredentialFlag(tool, word, next);
      if (short === "attached") words[i] = `${word.slice(0, 2)}${keep(word.slice(2))}`;
      else if (short === "next") words[i + 2] = keep(next!);
    }
  }
  return words.join("");
}

const MYSQL_CLIENTS = /^(mysql|mysqladmin|mysqldump|mysqlimport|mysqlshow|mysqlcheck|mariadb|mariadb-dump|mariadb-admin)$/;

function shortCredentialFlag(tool: string, word: string, next: string | undefined): "attached" | "next" | undefined {
  if (MYSQL_CLIENTS.test(tool) && /^-p.+/.test(word)) return "attached";
  const hasNext = next !== undefined && next !== "" && !next.startsWith("-");
  if (!hasNext) return undefined;
  if (tool === "redis-cli" && (word === "-a" || word === "--pass")) return "next";
  if (tool === "sshpass" && word === "-p") return "next";
  if (/^(curl|wget)$/.test(tool) && (word === "-u" || word === "--user" || word === "--proxy-user") && next.includes(":")) return "next";
  return undefined;
}

/** A text that is a YAML or JSON document: every credential-keyed value in it, however it is laid out. */
function structuredSecrets(text: string, walkValues: (tree: unknown) => unknown[], secrets: string[]): void {
  let tree: unknown;
  try {
    tree = yaml.load(text, { json: true });
  } catch {
    return;
  }
  if (tree === null || typeof tree !== "object") return;
  for (const value of walkValues(tree)) if (typeof value === "string" && value.trim() !== "") secrets.push(value.trim());
  // Numbers and booleans under credential keys are short and rare; strings are what leaks.
}

/** An args/command/env text that carries a credential anywhere (flags, assignments, pairs, shapes). */
export function carriesCredential(text: string): boolean {
  return looksLikeCredentialValue(text) || scanConfigText(text) !== undefined;
}
