import type { Manifest } from "../model/manifest.js";

/**
 * The text of one key of a Secret (`data` base64, `stringData`) or ConfigMap (`data`,
 * `binaryData` base64), or undefined. Callers only ever hand it to the certificate parser or a
 * proxy-configuration reader: values are never copied into messages.
 */
export function objectValue(m: Manifest, key: string): string | undefined {
  const o = m.object as { data?: Record<string, unknown>; stringData?: Record<string, unknown>; binaryData?: Record<string, unknown> };
  const plain = m.ref.kind === "Secret" ? o.stringData?.[key] : o.data?.[key];
  if (typeof plain === "string") return plain;
  const encoded = m.ref.kind === "Secret" ? o.data?.[key] : o.binaryData?.[key];
  return typeof encoded === "string" ? Buffer.from(encoded, "base64").toString("utf8") : undefined;
}

/** Every key of a Secret or ConfigMap. */
export function objectKeys(m: Manifest): string[] {
  const o = m.object as { data?: Record<string, unknown>; stringData?: Record<string, unknown>; binaryData?: Record<string, unknown> };
  return [...new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {}), ...Object.keys(o.binaryData ?? {})])];
}
