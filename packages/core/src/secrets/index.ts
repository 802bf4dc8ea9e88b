export { maskPair, maskOne, registerSecrets, MASK } from "./mask.js";
export { SecretRegistry } from "./secret-registry.js";
export { looksLikeCredential } from "./credential-keys.js";
