import { stackPolicy } from "../define-policy.js";

/** A host whose certificate source is missing or does not cover it (incident 004); changes of source need the old state: kubegate check --pulumi-preview. */
export const tlsSourceChanged = stackPolicy({ rule: "tls-source-changed" });
