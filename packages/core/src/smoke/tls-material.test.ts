import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { parseSources } from "../load/load-manifests.js";
import { createCertificateAuthority } from "../stage/tls/certificate-authority.js";
import { issueTlsSecrets, planTlsSecrets } from "./tls-material.js";

const set = (text: string) => buildSides([], parseSources([{ file: "m.yaml", text, format: "yaml" }]), {}).head;

const manifests = `
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: mw, namespace: mw}
spec: {secretName: mw-tls, dnsNames: [mediawiki.example.org], issuerRef: {name: ca, kind: ClusterIssuer}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop, annotations: {cert-manager.io/cluster-issuer: le}}
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}}]
---
apiVersion: v1
kind: Secret
type: kubernetes.io/tls
metadata: {name: own-tls, namespace: shop}
data: {tls.crt: "", tls.key: ""}
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: blog, namespace: blog}
spec:
  entryPoints: [websecure]
  routes: [{match: Host(\`blog.example.com\`), kind: Rule, services: [{name: blog, port: 80}]}]
  tls: {certResolver: le}
`;

describe("planTlsSecrets", () => {
  it("issues exactly the names cert-manager would, and one default certificate for ACME routes", () => {
    const plan = planTlsSecrets(set(manifests), "traefik");
    expect(plan.secrets.map((s) => [`${s.namespace}/${s.name}`, s.dnsNames])).toEqual([
      ["mw/mw-tls", ["mediawiki.example.org"]],
      ["shop/shop-tls", ["shop.example.com"]],
    ]);
    expect(plan.acmeDefault).toMatchObject({ namespace: "traefik", dnsNames: ["blog.example.com"] });
  });

  it("leaves Secrets the manifests ship alone", () => {
    const plan = planTlsSecrets(set(manifests.replace("secretName: mw-tls", "secretName: own-tls").replace("namespace: mw}", "namespace: shop}")), undefined);
    expect(plan.secrets.map((s) => s.name)).not.toContain("own-tls");
  });

  it("signs the certificates with the run CA, for the planned names only", async () => {
    const ca = await createCertificateAuthority({ name: "tls-material-test" });
    const [secret] = await issueTlsSecrets(ca, planTlsSecrets(set(manifests), "traefik").secrets.slice(0, 1));
    const cert = new X509Certificate(Buffer.from((secret!.data as Record<string, string>)["tls.crt"]!, "base64"));
    expect(cert.subjectAltName).toBe("DNS:mediawiki.example.org");
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(secret).toMatchObject({ type: "kubernetes.io/tls", metadata: { namespace: "mw", name: "mw-tls" } });
  });
});
