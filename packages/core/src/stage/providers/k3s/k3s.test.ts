import { describe, expect, it } from "vitest";
import { requestedCreateOptions } from "../common/docker/container-spec.js";
import { K3S_IMAGE } from "./k3s-image.js";
import { K3sNodeContainer, k3sContainerSpec, k3sServerArgs } from "./k3s-container.js";
import { K3sProvider } from "./k3s-provider.js";

describe("k3s container", () => {
  const container = new K3sNodeContainer(k3sContainerSpec({ runId: "r20261121-2" }));
  const opts = requestedCreateOptions(container);

  it("runs the pinned k3s 1.34 image", () => {
    expect(K3S_IMAGE).toMatch(/^rancher\/k3s:v1\.34\.\d+-k3s\d+(@sha256:[0-9a-f]{64})?$/);
    expect(opts["Image"]).toBe(K3S_IMAGE);
  });

  it("starts k3s without Traefik, ServiceLB, metrics-server and the endpoint controllers", () => {
    expect(opts["Cmd"]).toEqual([
      "server",
      "--disable=traefik",
      "--disable=servicelb",
      "--disable=metrics-server",
      "--kube-controller-manager-arg=controllers=*,tokencleaner,-endpoint,-endpointslice,-endpointslicemirroring",
      "--tls-san=127.0.0.1",
      "--tls-san=localhost",
    ]);
    expect(k3sServerArgs()[0]).toBe("server");
  });

  it("keeps the command when K3sContainer finalizes it (it only appends TLS SANs for network aliases)", async () => {
    await (container as unknown as { beforeContainerCreated(): Promise<void> }).beforeContainerCreated();
    expect(requestedCreateOptions(container)["Cmd"]).toEqual(opts["Cmd"]);
  });

  it("is privileged with K3sContainer's cgroup and tmpfs set-up, ports on 127.0.0.1 only", () => {
    expect(opts.HostConfig).toMatchObject({
      Privileged: true,
      CgroupnsMode: "host",
      Binds: ["/sys/fs/cgroup:/sys/fs/cgroup:rw"],
      Tmpfs: { "/run": "rw", "/var/run": "rw" },
      PortBindings: { "6443/tcp": [{ HostIp: "127.0.0.1", HostPort: "0" }], "8443/tcp": [{ HostIp: "127.0.0.1", HostPort: "0" }] },
    });
  });

  it("carries the run id", () => {
    expect(opts).toMatchObject({ name: "kubegate-r20261121-2-k3s", Labels: { "dev.kubegate.run-id": "r20261121-2", "dev.kubegate.provider": "k3s" } });
  });
});

describe("K3sProvider.isAvailable", () => {
  it("available with a rootful engine", async () => {
    expect(await new K3sProvider({ dockerProbe: async () => ({ serverVersion: "28.2.2", securityOptions: [] }) }).isAvailable()).toEqual({ available: true });
  });
  it("says why not: no engine, or a rootless one", async () => {
    const none = await new K3sProvider({
      dockerProbe: async () => {
        throw new Error("Could not find a working container runtime strategy");
      },
    }).isAvailable();
    expect(none).toEqual({ available: false, reason: expect.stringMatching(/^no Docker engine reachable \(Could not find a working container runtime strategy; /) });
    const rootless = await new K3sProvider({ dockerProbe: async () => ({ serverVersion: "28.2.2", securityOptions: ["name=rootless"] }) }).isAvailable();
    expect(rootless.reason).toMatch(/runs rootless/);
  });
  it("cleanup finds nothing to remove when no engine answers", async () => {
    const provider = new K3sProvider({
      dockerProbe: async () => {
        throw new Error("down");
      },
    });
    expect(await provider.cleanup("r1")).toEqual([]);
  });
});
