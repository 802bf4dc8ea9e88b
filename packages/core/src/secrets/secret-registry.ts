/**
 * Every secret value seen in the input, so the last line of defence (report redaction) can
 * remove them from any text even if a rule quoted one by mistake.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private index: Map<number, string[]> | undefined;

  /**
   * Registers a secret value with every form a report could print it in: as is, JSON- and
   * YAML-escaped, YAML single-quoted, base64-encoded and -decoded, line by line, and the pieces
   * a YAML dump folds a long value into. Values shorter than four characters ("1", "on") would
   * blank out ordinary words: they are never registered here and are only masked by position
   * (secret-leaves.ts), which covers every place kubegate renders a value.
   */
  add(value: unknown): void {
    if (typeof value !== "string") return;
    for (const form of secretForms(value)) this.insert(form);
    const decoded = tryBase64(value);
    if (decoded !== undefined) for (const form of secretForms(decoded)) this.insert(form);
  }

  /** Registers every string inside a value (a secret can be a map or a list). */
  addAll(value: unknown): void {
    if (typeof value === "string") this.add(value);
    else if (Array.isArray(value)) value.forEach((v) => this.addAll(v));
    else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => this.addAll(v));
    else if (typeof value === "number" || typeof value === "bigint") this.add(String(value));
  }

  get size(): number {
    return this.values.size;
  }

  /**
   * Replaces every known secret value in the text with `***`. One pass over the text with an
   * index of each value's first four characters: a repository with thousands of credentials
   * and a multi-megabyte report stays linear instead of one search per secret.
   */
  redact(text: string): string {
    if (this.values.size === 0) return text;
    const index = (this.index ??= this.buildIndex());
    let out = "";
    let copied = 0;
    for (let i = 0; i + MIN_LENGTH <= text.length; ) {
      const candidates = index.get(gram(text, i));
      const hit = candidates?.find((v) => text.startsWith(v, i));
      if (hit === undefined) {
        i++;
        continue;
      }
      out += text.slice(copied, i) + "***";
      i += hit.length;
      copied = i;
    }
    return copied === 0 ? text : out + text.slice(copied);
  }

  /**
   * The same for structured output (JSON, SARIF): every string and key redacted on its own, so a
   * secret that happens to look like JSON syntax can never break the document around it.
   */
  redactValue<T>(value: T): T {
    if (this.values.size === 0) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === "string") return this.redact(v);
      if (Array.isArray(v)) return v.map(walk);
      if (v !== null && typeof v === "object" && !(v instanceof Date)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [this.redact(k), walk(x)]));
      return v;
    };
    return walk(value) as T;
  }

  private insert(value: string): void {
    if (value.length < MIN_LENGTH) return;
    if (this.values.has(value)) return;
    this.values.add(value);
    this.index = undefined;
  }

  /** First-four-characters -> values, longest first so the longest secret wins. */
  private buildIndex(): Map<number, string[]> {
    const index = new Map<number, string[]>();
    for (const value of this.values) {
      const key = gram(value, 0);
      const list = index.get(key);
      if (list) list.push(value);
      else index.set(key, [value]);
    }
    for (const list of index.values()) list.sort((a, b) => b.length - a.length);
    return index;
  }
}

const MIN_LENGTH = 4;

/** A number for the four UTF-16 units at i (collisions only cost a failed startsWith). */
function gram(text: string, i: number): number {
  return ((text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) * 31 + text.charCodeAt(i + 2)) * 31 + text.charCodeAt(i + 3);
}

/** Pieces shorter than this are not registered on their own (they would match ordinary text). */
const MIN_PIECE = 6;

function secretForms(value: string): string[] {
  if (value.length < MIN_LENGTH) return [];
  const forms = new Set<string>([value]);
  const json = JSON.stringify(value).slice(1, -1);
  forms.add(json);
  forms.add(value.replace(/'/g, "''"));
  forms.add(Buffer.from(value, "utf8").toString("base64"));
  // Line by line (block scalars, patches). A one-line value is also registered in the pieces
  // yaml.dump folds it into at spaces (lineWidth); a multi-line value (a config file in a Secret)
  // is not cut into words: its words ("name:", "critical") are everyday text, not the secret.
  const lines = value.split(/\r?\n/);
  for (const line of lines) if (line.trim().length >= MIN_PIECE) forms.add(line.trim());
  if (lines.length === 1) for (const piece of value.split(/\s+/)) if (piece.length >= MIN_PIECE) forms.add(piece);
  for (const piece of json.split(/\\n/)) if (piece.length >= MIN_PIECE) forms.add(piece);
  // The password of a URL, which a message might print next to a host.
  const password = /:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/.exec(value)?.[1];
  if (password) forms.add(password);
  return [...forms];
}

function tryBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  // Binary payloads (keys, keystores) are not useful to search for in text; UTF-8 text is, in any script.
  return decoded.includes("\uFFFD") || /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(decoded) ? undefined : decoded;
}
