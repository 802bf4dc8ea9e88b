import { stackPolicy } from "../define-policy.js";

/** A NetworkPolicy that cuts the ingress controller off from the backends it routes to (incident 003). */
export const networkPolicyIsolatesIngress = stackPolicy({ rule: "network-policy-isolates-ingress" });
