/**
 * Every secret value seen in the input, so the last line of defence (report redaction) can
 * remove them from any text even if a rule quoted one by mistake.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  add(value: unknown): void {
    if (typeof value !== "string") return;
    // Very short values ("1", "true") would blank out ordinary words in reports.
    if (value.length < 4) return;
    this.values.add(value);
    const decoded = tryBase64(value);
    if (decoded !== undefined && decoded.length >= 4) this.values.add(decoded);
  }

  get size(): number {
    return this.values.size;
  }

  /** Replaces every known secret value in the text with `***`, longest first. */
  redact(text: string): string {
    if (this.values.size === 0) return text;
    let out = text;
    for (const value of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(value)) out = out.split(value).join("***");
    }
    return out;
  }
}

function tryBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  // Binary payloads (keys, keystores) are not useful to search for in text.
  return /^[\x20-\x7e\t\r\n]*$/.test(decoded) ? decoded : undefined;
}
