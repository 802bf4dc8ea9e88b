import type { ManifestSet } from "../../model/manifest.js";
import type { Route } from "../../routes/index.js";
import type { ReportInput } from "../rule.js";
import { certificateNames, certificatesBySecret, issuerOf } from "../../certificates/cert-manager.js";
import { hostList, secretKeyOf, where } from "./describe.js";

/**
 * A Secret written by a cert-manager Certificate on both sides whose issuerRef changes (also when
 * the Certificate is renamed): cert-manager reissues it from another CA on the next sync.
 */
export function issuerChanges(base: ManifestSet, head: ManifestSet, headRoutes: Route[]): ReportInput[] {
  const before = certificatesBySecret(base);
  const out: ReportInput[] = [];
  for (const [secret, cert] of certificatesBySecret(head)) {
    const old = before.get(secret);
    if (!old || issuerOf(old) === issuerOf(cert)) continue;
    const routed = headRoutes.filter((r) => secretKeyOf(r) === secret).flatMap((r) => r.hosts);
    const hosts = routed.length > 0 ? routed : certificateNames(cert);
    out.push({
      manifest: cert,
      // Clients that trust the old CA only fail; most do not pin, so this warns.
      severity: "warning",
      message:
        `Certificate ${cert.ref.namespace}/${cert.ref.name} (Secret ${secret}, ${where(cert)}) changes issuer ${issuerOf(old)} -> ${issuerOf(cert)}: ` +
        `cert-manager reissues the certificate of ${hosts.length ? hostList(hosts) : "its hosts"} from another CA; clients that pin or do not trust it fail (incident 004)`,
    });
  }
  return out;
}
