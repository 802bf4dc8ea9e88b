/**
 * kube-controller-manager without the endpoint controllers. In staging kubegate writes the
 * Endpoints and EndpointSlices of users' Services itself, pointing at its stand-in backends; a
 * real cluster's endpoint controllers would overwrite those of every Service with a selector
 * (no pods match it in staging, so they would empty them). "endpoint", "endpointslice" and
 * "endpointslicemirroring" are the controllers' historical names, kept as permanent aliases of
 * the canonical ones (KCMControllerAliases in kube-controller-manager).
 */
export const DISABLED_CONTROLLERS = ["endpoint", "endpointslice", "endpointslicemirroring"] as const;

/** `base` is the distribution's own default list (kubeadm: "*,bootstrapsigner,tokencleaner"), kept so nothing else changes. */
export function controllersFlag(base: readonly string[]): string {
  return [...base, ...DISABLED_CONTROLLERS.map((c) => `-${c}`)].join(",");
}

/** kubeadm's default --controllers value (it enables the two bootstrap-token controllers). */
export const KUBEADM_CONTROLLERS = controllersFlag(["*", "bootstrapsigner", "tokencleaner"]);
