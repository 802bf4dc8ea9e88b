import type { SecretRegistry } from "../../secrets/secret-registry.js";

/** Key that marks a Pulumi special object (secrets, assets, resource references). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** Its value for a secret: `{SIG_KEY: SECRET_SIG, "plaintext"|"ciphertext"|"value": ...}`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** What `pulumi preview --json` prints instead of a secret's value. */
export const SECRET_PLACEHOLDER = "[secret]";
/** The engine's sentinel for a value that is unknown until the update runs. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * The Kubernetes name of a Pulumi property key: the SDKs spell the CRD schema extensions
 * `x_kubernetes_preserve_unknown_fields`, the API server `x-kubernetes-preserve-unknown-fields`.
 */
export function kubeKey(key: string): string {
  return key.startsWith("x_kubernetes_") ? key.replace(/_/g, "-") : key;
}

/**
 * Plain JSON from a Pulumi property value: secrets unwrapped (their plaintext registered, so
 * every report redacts it; a ciphertext becomes "[secret]"), unknowns dropped, other special
 * objects (assets, archives, resource references) kept as they are.
 */
export function plainValue(value: unknown, secrets: SecretRegistry, path: SecretPath = [], found: SecretPath[] = []): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== UNKNOWN).map((v, i) => plainValue(v, secrets, [...path, i], found));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  if (record[SIG_KEY] === SECRET_SIG) {
    // Its position, so every rendering masks it even where no rule would guess a secret.
    found.push(path);
    return revealSecret(record, secrets);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (v !== UNKNOWN) out[kubeKey(k)] = plainValue(v, secrets, [...path, kubeKey(k)], found);
  return out;
}

export type SecretPath = Array<string | number>;

function revealSecret(record: Record<string, unknown>, secrets: SecretRegistry): unknown {
  // State files keep `plaintext` (a JSON text) or `ciphertext`; the Automation API's `value`.
  let inner: unknown = SECRET_PLACEHOLDER;
  if (typeof record.plaintext === "string") {
    try {
      inner = JSON.parse(record.plaintext);
    } catch {
      inner = record.plaintext;
    }
  } else if ("value" in record) inner = record.value;
  registerAll(inner, secrets);
  return plainValue(inner, secrets);
}

function registerAll(value: unknown, secrets: SecretRegistry): void {
  if (typeof value === "string") secrets.add(value);
  else if (Array.isArray(value)) value.forEach((v) => registerAll(v, secrets));
  else if (value !== null && typeof value === "object") Object.values(value).forEach((v) => registerAll(v, secrets));
}
