import { stackPolicy } from "../define-policy.js";

/**
 * An ingress controller workload that any restart takes down: a single replica, zero replicas,
 * an all-at-once rollout, no PodDisruptionBudget, a controller release with a known bug. A stack
 * policy, not a resource one: the budget and an autoscaler's minReplicas are other objects.
 */
export const ingressControllerDisrupted = stackPolicy({ rule: "ingress-controller-disrupted" });
