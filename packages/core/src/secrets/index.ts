export { maskPair, maskOne, registerSecrets, MASK, type SecretPaths } from "./mask.js";
export { SecretRegistry } from "./secret-registry.js";
export { looksLikeCredential, looksLikeCredentialValue } from "./credential-keys.js";
export { secretLeaves, type SecretLeaf } from "./secret-leaves.js";
