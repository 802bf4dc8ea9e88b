import { describe, expect, it } from "vitest";
import { certificateMap } from "../../certificates/index.js";
import { pod, service, side } from "../../certificates/testing/objects.js";
import { createCertificateAuthority } from "../tls/certificate-authority.js";
import { planStandins } from "./plan.js";
import { podTlsServing } from "./pod-tls-serving.js";

describe("podTlsServing", () => {
  it("serves a shipped PEM with its shipped key as is, and issues the exact names of a PEM whose key is elsewhere", async () => {
    const ca = await createCertificateAuthority({ name: "serving-test-ca" });
    const other = await createCertificateAuthority({ name: "operators-ca" });
    const shipped = await other.issue({ subject: "CN=a.example.org", usage: "server", dnsNames: ["a.example.org"] });
    const keyless = await other.issue({ subject: "CN=b.example.org", usage: "server", dnsNames: ["b.example.org", "b2.example.org"] });
    const set = side([
      service("a", { name: "https", port: 443, targetPort: 8443 }),
      { apiVersion: "v1", kind: "Secret", metadata: { name: "a-tls", namespace: "ns" }, type: "kubernetes.io/tls", stringData: { "tls.crt": shipped.cert, "tls.key": shipped.key } },
      pod("a", [{ name: "tls", secret: { secretName: "a-tls" } }], [{ name: "tls", mountPath: "/tls" }]),
      service("b", { name: "https", port: 443, targetPort: 8443 }),
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b-crt", namespace: "ns" }, data: { "server.crt": keyless.cert } },
      pod("b", [{ name: "tls", configMap: { name: "b-crt" } }], [{ name: "tls", mountPath: "/tls" }]),
    ]);
    const plan = planStandins(set, [], undefined, ["ns/a", "ns/b"]);
    const endpoints = [...certificateMap(set).values()];
    const serving = await podTlsServing(endpoints, plan, ca, "head");
    const [a, b] = ["a", "b"].map((n) => serving.listeners.find((l) => l.endpoint.service!.name === n)!);
    expect(a!.issued).toBe(false);
    expect(serving.byListener[a!.listener]).toEqual(shipped);
    expect(b!.issued).toBe(true);
    expect(serving.byListener[b!.listener]!.cert).not.toBe(keyless.cert);
    expect(serving.notes).toEqual(["at head: the stand-in of Service ns/b port 443 serves a certificate from the run's CA for exactly the names of ConfigMap ns/b-crt key server.crt (b.example.org, b2.example.org)"]);
  });
});
