/**
 * Every secret value seen in the input, so the last line of defence (report redaction) can
 * remove them from any text even if a rule quoted one by mistake.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();
  private index: Map<number, string[]> | undefined;

  add(value: unknown): void {
    if (typeof value !== "string") return;
    // Very short values ("1", "true") would blank out ordinary words in reports.
    if (value.length < MIN_LENGTH) return;
    this.insert(value);
    const decoded = tryBase64(value);
    if (decoded !== undefined && decoded.length >= MIN_LENGTH) this.insert(decoded);
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

  private insert(value: string): void {
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

function tryBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  // Binary payloads (keys, keystores) are not useful to search for in text.
  return /^[\x20-\x7e\t\r\n]*$/.test(decoded) ? decoded : undefined;
}
