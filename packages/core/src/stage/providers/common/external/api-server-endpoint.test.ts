import { describe, expect, it } from "vitest";
import { apiServerEndpoint } from "./api-server-endpoint.js";

const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const b64 = Buffer.from(CA).toString("base64");

function kubeconfig(cluster: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "c", cluster }],
    users: [{ name: "u", user: { token: "t" } }],
    contexts: [{ name: "ctx", context: { cluster: "c", user: "u" } }],
    "current-context": "ctx",
  });
}

describe("apiServerEndpoint", () => {
  it("keeps an IPv4 server's address and port for the listener inside", async () => {
    const e = await apiServerEndpoint(kubeconfig({ server: "https://127.0.0.1:40123/", "certificate-authority-data": b64 }));
    expect(e).toMatchObject({ server: "https://127.0.0.1:40123", host: "127.0.0.1", port: 40123, ip: "127.0.0.1", caPem: CA });
  });

  it("maps localhost to loopback and leaves other names to the sandbox's hosts file; port 443 by default", async () => {
    expect(await apiServerEndpoint(kubeconfig({ server: "https://localhost:6443", "certificate-authority-data": b64 }))).toMatchObject({ host: "localhost", ip: "127.0.0.1" });
    const named = await apiServerEndpoint(kubeconfig({ server: "https://api.staging.example", "certificate-authority-data": b64 }));
    expect(named).toMatchObject({ host: "api.staging.example", port: 443 });
    expect(named.ip).toBeUndefined();
  });

  it.each([
    [{ server: "http://127.0.0.1:8080", "certificate-authority-data": b64 }, /is not https/],
    [{ server: "https://127.0.0.1:6443", "insecure-skip-tls-verify": true }, /insecure-skip-tls-verify: kubegate needs the cluster's certificate authority/],
    [{ server: "https://127.0.0.1:6443" }, /has no certificate-authority/],
    [{ server: "https://[::1]:6443", "certificate-authority-data": b64 }, /IPv6 API server addresses \(::1\) are not supported/],
  ])("refuses %j", async (cluster, message) => {
    await expect(apiServerEndpoint(kubeconfig(cluster))).rejects.toThrow(message);
  });

  it("names a kubeconfig without a usable current context", async () => {
    await expect(apiServerEndpoint("{}")).rejects.toThrow(/no cluster for its current context/);
    await expect(apiServerEndpoint("clusters: [")).rejects.toThrow(/kubeconfig is not valid/);
  });
});
