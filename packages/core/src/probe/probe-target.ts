/** What one probe asks: a request through the controller's entrypoint, and where it must land. */
export interface ProbeTarget {
  /** Stable label for reports: "Ingress shop/web#0 shop.example.com/api". */
  label: string;
  host: string;
  path: string;
  tls: boolean;
  /** Host-side port that reaches the controller's entrypoint (sandbox forward). */
  port: number;
  /** The stand-in that must answer; undefined for explicit checks that assert status only. */
  expected?: ExpectedBackend;
  /** PEM of the CA the served certificate must chain to (the run's CA, or the user's). */
  ca?: string;
  headers?: Record<string, string>;
  /** Status the answer must have (explicit checks); default: any status below 400 plus the right backend. */
  expectStatus?: number;
  /** Response headers that must be present, each value a regular expression (explicit checks). */
  expectHeaders?: Record<string, string>;
  /** Overrides the run's retry window for this target (a failure kubegate caused on purpose need not be waited out). */
  retryForMs?: number;
}

export interface ExpectedBackend {
  namespace: string;
  service: string;
  port?: number | string;
}

export interface ServedCertificate {
  subject: string;
  issuer: string;
  altNames: string[];
  /** The certificate's names cover the requested host (RFC 6125, as TLS clients check). */
  coversHost: boolean;
  /** Signed by the expected CA. */
  trusted: boolean;
  fingerprint256: string;
}

export interface ProbeResult {
  ok: boolean;
  status?: number;
  /** The stand-in that answered, from its JSON body. */
  reached?: ExpectedBackend;
  certificate?: ServedCertificate;
  /** Why it is not ok, in one line. */
  problem?: string;
  attempts: number;
  elapsedMs: number;
}
