import { once } from "node:events";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { createCertificateAuthority } from "../tls/certificate-authority.js";
import { RawKubeClient } from "./raw-client.js";

describe("RawKubeClient", () => {
  it("sends every request over its kept-alive connections, with the kubeconfig's credentials", async () => {
    const ca = await createCertificateAuthority({ name: "raw-client-test" });
    const { cert, key } = await ca.issue({ subject: "CN=127.0.0.1", usage: "server", ips: ["127.0.0.1"] });
    let connections = 0;
    const auth: Array<string | undefined> = [];
    const server = createServer({ cert, key }, (req, res) => {
      auth.push(req.headers.authorization);
      res.setHeader("content-type", "application/json");
      res.end("{}");
    });
    server.on("secureConnection", () => connections++);
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: "c", server: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, caData: Buffer.from(ca.certPem).toString("base64") }],
      users: [{ name: "u", token: "T" }],
      contexts: [{ name: "x", cluster: "c", user: "u" }],
      currentContext: "x",
    });
    const client = new RawKubeClient(kc);
    try {
      for (let i = 0; i < 20; i++) expect((await client.request("GET", "/api/v1")).status).toBe(200);
    } finally {
      client.close();
      server.close();
    }
    expect(auth).toEqual(Array(20).fill("Bearer T"));
    expect(connections).toBe(1);
  });
});
