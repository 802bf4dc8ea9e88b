import { stackPolicy } from "../define-policy.js";

/** A route (Ingress, IngressRoute, HTTPRoute) whose Service, port or middleware is not in the stack. */
export const routeBackendMissing = stackPolicy({ rule: "route-backend-missing" });
