import type { Manifest } from "../model/manifest.js";
import type { ServedCertificate } from "./served-certificate.js";

/**
 * A place where TLS ends, and the certificate served there. Identity across base and head is
 * `key`: the Service port for pods that terminate TLS themselves, the host for routes whose
 * ingress controller terminates it.
 */
export interface TlsEndpoint {
  key: string;
  /** "Service mw-api-ext/mediawiki port 4447" or "host shop.example.com (Ingress shop/web)". */
  label: string;
  terminatedBy: "pod" | "controller";
  /** The Service, or the route's object. */
  manifest: Manifest;
  certificate: ServedCertificate;
  /** How the certificate was tied to the endpoint, for messages ("envoy listener on 4447 ..."). */
  tie: string;
  /** Whether the tie was read from a proxy's configuration (false: guessed from a TLS-looking port). */
  tiedByConfig: boolean;
  /** Hosts routed to it (routes), or empty. */
  hosts: string[];
  /** Pods that terminate TLS: the workload and the Service port. */
  workload?: Manifest;
  service?: { namespace: string; name: string; port: number; portName: string; targetPort: number };
}
