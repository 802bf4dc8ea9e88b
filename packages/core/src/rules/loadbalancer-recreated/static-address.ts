import type { Manifest } from "../../model/manifest.js";

/**
 * Annotations that ask the cloud or bare-metal load balancer for a reserved address (or an
 * existing load balancer). With one, a recreated Service can get its old address back.
 */
const PIN_ANNOTATIONS = [
  "service.beta.kubernetes.io/aws-load-balancer-eip-allocations",
  "service.beta.kubernetes.io/azure-load-balancer-ipv4",
  "service.beta.kubernetes.io/azure-load-balancer-ipv6",
  "service.beta.kubernetes.io/azure-pip-name",
  "networking.gke.io/load-balancer-ip-addresses",
  "kubernetes.digitalocean.com/load-balancer-id",
  "metallb.universe.tf/loadBalancerIPs",
  "metallb.io/loadBalancerIPs",
  "lbipam.cilium.io/ips",
  "io.cilium/lb-ipam-ips",
  "kube-vip.io/loadbalancerIPs",
];

type ServiceSpec = { type?: string; loadBalancerIP?: string; loadBalancerSourceRanges?: string[] };

export function serviceSpec(m: Manifest): ServiceSpec {
  return (m.object.spec ?? {}) as ServiceSpec;
}

/** Readable pins of a Service's address: "spec.loadBalancerIP 203.0.113.10", "<annotation> <value>". */
export function addressPins(m: Manifest): string[] {
  const pins: string[] = [];
  const ip = serviceSpec(m).loadBalancerIP;
  if (ip) pins.push(`spec.loadBalancerIP ${ip}`);
  const annotations = m.object.metadata.annotations ?? {};
  for (const key of PIN_ANNOTATIONS) if (annotations[key]) pins.push(`${key} ${annotations[key]}`);
  return pins;
}

/** What to say about static addresses and client allowlists, given the Service on both sides. */
export function addressNotes(base: Manifest, head: Manifest | undefined): string[] {
  const notes: string[] = [];
  const pins = addressPins(base);
  const headIsLb = head !== undefined && serviceSpec(head).type === "LoadBalancer";
  if (pins.length > 0) {
    const kept = headIsLb && pins.every((p) => addressPins(head).includes(p));
    notes.push(
      kept
        ? `It pins its address (${pins.join(", ")}) and head keeps the pin: the IP may be kept if it is reserved outside the Service, but verify that before merging.`
        : `It pins its address (${pins.join(", ")}), ${headIsLb ? "but head drops the pin" : "but head no longer has this LoadBalancer Service"}: the reservation alone does not keep DNS working, verify what will answer on that IP.`,
    );
  }
  const ranges = serviceSpec(base).loadBalancerSourceRanges ?? [];
  const headRanges = head ? serviceSpec(head).loadBalancerSourceRanges ?? [] : [];
  if (ranges.length > 0 && JSON.stringify(ranges) !== JSON.stringify(headRanges)) {
    notes.push(`Its spec.loadBalancerSourceRanges (${ranges.length} range${ranges.length === 1 ? "" : "s"}) must be carried over, or the new load balancer admits different clients.`);
  }
  return notes;
}
