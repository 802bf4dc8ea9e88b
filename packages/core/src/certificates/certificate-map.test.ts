import { beforeAll, describe, expect, it } from "vitest";
import { createCertificateAuthority } from "../stage/tls/certificate-authority.js";
import { certificateMap } from "./certificate-map.js";
import { pod, service, side } from "./testing/objects.js";

let cert = "";
let key = "";
beforeAll(async () => {
  const ca = await createCertificateAuthority({ name: "map-test-ca" });
  ({ cert, key } = await ca.issue({ subject: "CN=a.example.org", usage: "server", dnsNames: ["a.example.org"], ips: ["10.1.2.3"] }));
});

describe("certificateMap", () => {
  it("reads a subPath-mounted Secret key tied to its port by an envoy SDS secret, and never the private key", () => {
    const envoy = {
      static_resources: {
        listeners: [{ address: { socket_address: { port_value: 8443 } }, filter_chains: [{ transport_socket: { typed_config: { common_tls_context: { tls_certificate_sds_secret_configs: [{ name: "server" }] } } } }] }],
        secrets: [{ name: "server", tls_certificate: { certificate_chain: { filename: "/certs/server.pem" }, private_key: { filename: "/certs/server-key.pem" } } }],
      },
    };
    const set = side([
      service("a", { name: "secure", port: 443, targetPort: "tls" }),
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "envoy", namespace: "ns" }, data: { "envoy.json": JSON.stringify(envoy) } },
      { apiVersion: "v1", kind: "Secret", metadata: { name: "a-pem", namespace: "ns" }, stringData: { "server.pem": cert, "server-key.pem": key } },
      pod("a", [{ name: "conf", configMap: { name: "envoy" } }, { name: "pem", secret: { secretName: "a-pem" } }], [{ name: "conf", mountPath: "/etc/envoy" }, { name: "pem", mountPath: "/certs/server.pem", subPath: "server.pem" }]),
    ]);
    const endpoint = certificateMap(set).get("Service ns/a port 443")!;
    expect(endpoint).toMatchObject({ terminatedBy: "pod", tiedByConfig: true, service: { targetPort: 8443 } });
    expect(endpoint.certificate).toMatchObject({ origin: "Secret ns/a-pem key server.pem", visible: true, dnsNames: ["a.example.org"], ipAddresses: ["10.1.2.3"], issuer: { kind: "x509", name: "CN=map-test-ca" } });
    expect(endpoint.tie).toContain("envoy in the pods of Deployment ns/a listens with TLS on 8443 (ConfigMap ns/envoy key envoy.json) serves /certs/server.pem");
    const printed = JSON.stringify([...certificateMap(set).values()].map(({ manifest: _m, workload: _w, certificate: { declaredBy: _d, location: _l, ...c }, ...e }) => ({ ...e, c })));
    expect(printed).not.toContain("PRIVATE");
    expect(printed).not.toContain(key.split("\n")[1]!);
  });

  it("maps Gateway listeners, IngressRoute certResolvers and Ingress Secrets outside the manifests by host", () => {
    const set = side([
      { apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway", metadata: { name: "gw", namespace: "ns" }, spec: { gatewayClassName: "x", listeners: [{ name: "https", protocol: "HTTPS", port: 443, tls: { certificateRefs: [{ name: "gw-tls" }] } }] } },
      { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "r", namespace: "ns" }, spec: { parentRefs: [{ name: "gw" }], hostnames: ["gw.example.org"], rules: [{ backendRefs: [{ name: "s", port: 80 }] }] } },
      { apiVersion: "v1", kind: "Secret", metadata: { name: "gw-tls", namespace: "ns" }, type: "kubernetes.io/tls", stringData: { "tls.crt": cert } },
      { apiVersion: "traefik.io/v1alpha1", kind: "IngressRoute", metadata: { name: "ir", namespace: "ns" }, spec: { routes: [{ match: "Host(`acme.example.org`)", kind: "Rule", services: [{ name: "s", port: 80 }] }], tls: { certResolver: "le" } } },
      { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "in", namespace: "ns" }, spec: { tls: [{ hosts: ["in.example.org"], secretName: "by-hand" }], rules: [{ host: "in.example.org", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "s", port: { number: 80 } } } }] } }] } },
    ]);
    const map = certificateMap(set);
    expect(map.get("host gw.example.org")!.certificate).toMatchObject({ origin: "Secret ns/gw-tls key tls.crt", dnsNames: ["a.example.org"] });
    expect(map.get("host acme.example.org")!.certificate).toMatchObject({ visible: false, origin: "Traefik certResolver le (issued by ACME at runtime)" });
    expect(map.get("host in.example.org")!.certificate).toMatchObject({ visible: false, origin: "Secret ns/by-hand (managed outside the manifests)" });
  });

  it("ties an inline envoy certificate to its port, and leaves ports the configuration does not name alone", () => {
    const envoy = `static_resources:\n  listeners:\n    - address: {socket_address: {port_value: 8443}}\n      tls_certificates:\n        - certificate_chain: {inline_string: ${JSON.stringify(cert)}}\n`;
    const set = side([
      { ...service("b", { name: "https", port: 443, targetPort: 8443 }), spec: { selector: { app: "b" }, ports: [{ name: "https", port: 443, targetPort: 8443 }, { name: "https-admin", port: 9443, targetPort: 9443 }] } },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "envoy-b", namespace: "ns" }, data: { "envoy.yaml": envoy } },
      pod("b", [{ name: "conf", configMap: { name: "envoy-b" } }], [{ name: "conf", mountPath: "/etc/envoy" }]),
    ]);
    const map = certificateMap(set);
    expect(map.get("Service ns/b port 443")!.certificate).toMatchObject({ origin: "ConfigMap ns/envoy-b key envoy.yaml (inline certificate)", dnsNames: ["a.example.org"] });
    expect(map.has("Service ns/b port 9443")).toBe(false);
  });
});
