import { describe, expect, it } from "vitest";
import { GenericContainer } from "testcontainers";
import yaml from "js-yaml";
import { abortableStart } from "./abortable-start.js";
import { demuxDockerLogs, tailsOf } from "./container-logs.js";
import { applyNodeContainerSpec, finishCreateOptions, loopbackPortBindings, requestedCreateOptions, type NodeContainerSpec } from "./container-spec.js";
import { dockerStatus, type DockerEngineInfo } from "./docker-engine.js";
import { withServer } from "./kubeconfig-server.js";
import { LABEL_OWNER_HOST, LABEL_OWNER_PID, runLabels } from "./labels.js";
import { ownerAlive } from "./run-containers.js";

const engine: DockerEngineInfo = { serverVersion: "28.2.2", securityOptions: ["name=seccomp,profile=builtin", "name=cgroupns"], cgroupVersion: "2" };

describe("dockerStatus", () => {
  it("is ok when the engine answers and runs rootful", async () => {
    expect(await dockerStatus(async () => engine)).toEqual({ ok: true, info: engine });
  });

  it("names the error when no engine answers", async () => {
    const status = await dockerStatus(async () => {
      throw new Error("Could not find a working container runtime strategy");
    });
    expect(status.ok).toBe(false);
    expect(!status.ok && status.problem).toBe("unreachable");
    expect(!status.ok && status.reason).toMatch(/^no Docker engine reachable \(Could not find a working container runtime strategy; .*\): start Docker/);
  });

  it("refuses a rootless engine, saying why", async () => {
    const status = await dockerStatus(async () => ({ ...engine, securityOptions: ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"] }));
    expect(!status.ok && status.problem).toBe("rootless");
    expect(!status.ok && status.reason).toMatch(/^Docker 28\.2\.2 runs rootless \(docker info SecurityOptions: name=rootless\): node containers must run privileged/);
  });

  it("answers within its timeout when the engine hangs", async () => {
    const t0 = Date.now();
    const status = await dockerStatus(() => new Promise(() => {}), 200);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(!status.ok && status.reason).toMatch(/^no Docker engine reachable \(no answer within 0\.2s;/);
  });
});

describe("container spec → Docker create options", () => {
  const spec: NodeContainerSpec = {
    image: "example/node:v1@sha256:" + "a".repeat(64),
    name: "kubegate-r1-node",
    hostname: "kubegate-r1-node",
    labels: runLabels("r1", "test", 1234, "host-a"),
    env: { container: "docker" },
    privileged: true,
    securityOpt: ["seccomp=unconfined"],
    tmpfs: { "/tmp": "rw" },
    anonymousVolumes: ["/var"],
    binds: [{ source: "/lib/modules", target: "/lib/modules", mode: "ro" }],
    cgroupns: "private",
    ports: [6443],
  };

  it("publishes every port on 127.0.0.1 only, at a random host port", () => {
    expect(loopbackPortBindings([6443, 8443])).toEqual({ "6443/tcp": [{ HostIp: "127.0.0.1", HostPort: "0" }], "8443/tcp": [{ HostIp: "127.0.0.1", HostPort: "0" }] });
  });

  it("applies every field, including those testcontainers has no method for", () => {
    const c = applyNodeContainerSpec(new GenericContainer(spec.image), spec);
    finishCreateOptions((c as unknown as { createOpts: object }).createOpts, (c as unknown as { hostConfig: object }).hostConfig, spec);
    const opts = requestedCreateOptions(c);
    expect(opts).toMatchObject({
      Image: spec.image,
      name: "kubegate-r1-node",
      Hostname: "kubegate-r1-node",
      Env: ["container=docker"],
      Labels: { "dev.kubegate.run-id": "r1", "dev.kubegate.provider": "test", [LABEL_OWNER_PID]: "1234", [LABEL_OWNER_HOST]: "host-a" },
      ExposedPorts: { "6443/tcp": {} },
      Volumes: { "/var": {} },
    });
    expect(opts.HostConfig).toMatchObject({
      Privileged: true,
      SecurityOpt: ["seccomp=unconfined"],
      Tmpfs: { "/tmp": "rw" },
      Binds: ["/lib/modules:/lib/modules:ro"],
      CgroupnsMode: "private",
      PortBindings: { "6443/tcp": [{ HostIp: "127.0.0.1", HostPort: "0" }] },
    });
  });
});

describe("owner of leftovers", () => {
  const labels = runLabels("r1", "kind", 4242, "host-a");
  it("alive only if its pid lives on this host", () => {
    expect(ownerAlive(labels, () => true, "host-a")).toBe(true);
    expect(ownerAlive(labels, () => false, "host-a")).toBe(false);
  });
  it("another host's container is left alone; one without an owner is an orphan", () => {
    expect(ownerAlive(labels, () => false, "host-b")).toBe(true);
    expect(ownerAlive({}, () => true, "host-a")).toBe(false);
  });
});

describe("container logs", () => {
  const frame = (stream: number, text: string): Buffer => {
    const payload = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(payload.length, 4);
    return Buffer.concat([header, payload]);
  };
  it("demuxes Docker's stdout/stderr frames", () => {
    expect(demuxDockerLogs(Buffer.concat([frame(1, "systemd up\n"), frame(2, "kubelet: error\n")]))).toBe("systemd up\nkubelet: error\n");
  });
  it("returns unframed (TTY) logs as they are", () => {
    expect(demuxDockerLogs(Buffer.from("plain text\n"))).toBe("plain text\n");
  });
  it("reports the last lines of each log", () => {
    expect(tailsOf({ a: "1\n2\n3\n", b: "" }, 2)).toBe("\n--- last lines of a ---\n2\n3");
  });
});

describe("withServer", () => {
  it("points every cluster at the published address and keeps the credentials", () => {
    const admin = yaml.dump({
      apiVersion: "v1",
      kind: "Config",
      clusters: [{ name: "kind", cluster: { server: "https://kubegate-r1-control-plane:6443", "certificate-authority-data": "Q0E=" } }],
      users: [{ name: "admin", user: { "client-certificate-data": "Q0VSVA==" } }],
      contexts: [{ name: "admin@kind", context: { cluster: "kind", user: "admin" } }],
      "current-context": "admin@kind",
    });
    const doc = yaml.load(withServer(admin, "https://127.0.0.1:40123")) as { clusters: Array<{ cluster: Record<string, string> }>; users: unknown[] };
    expect(doc.clusters[0]!.cluster).toEqual({ server: "https://127.0.0.1:40123", "certificate-authority-data": "Q0E=" });
    expect(doc.users).toEqual([{ name: "admin", user: { "client-certificate-data": "Q0VSVA==" } }]);
  });
  it("rejects a kubeconfig without clusters", () => {
    expect(() => withServer("apiVersion: v1\nkind: Config\n", "https://127.0.0.1:1")).toThrow("the node's kubeconfig has no clusters");
  });
});

describe("abortableStart", () => {
  it("tears down what a start produced after an abort, then rejects", async () => {
    const controller = new AbortController();
    const events: string[] = [];
    let finish!: (v: string) => void;
    const pending = abortableStart(() => new Promise<string>((r) => (finish = r)), {
      signal: controller.signal,
      abandon: async () => events.push("abandon"),
      dispose: async (v) => events.push(`dispose ${v}`),
    });
    controller.abort(new Error("Ctrl-C"));
    setTimeout(() => finish("container-1"), 20);
    await expect(pending).rejects.toThrow("Ctrl-C");
    expect(events).toEqual(["abandon", "dispose container-1", "abandon"]);
  });
  it("stops what a slow start produces after it gave up waiting", async () => {
    const controller = new AbortController();
    const disposed: string[] = [];
    let finish!: (v: string) => void;
    const pending = abortableStart(() => new Promise<string>((r) => (finish = r)), {
      signal: controller.signal,
      abandon: async () => {},
      dispose: async (v) => void disposed.push(v),
      settleMs: 10,
    });
    controller.abort(new Error("Ctrl-C"));
    await expect(pending).rejects.toThrow("Ctrl-C");
    expect(disposed).toEqual([]);
    finish("late-container");
    await new Promise((r) => setTimeout(r, 10));
    expect(disposed).toEqual(["late-container"]);
  });

  it("returns the started value when nothing aborts", async () => {
    const controller = new AbortController();
    await expect(abortableStart(async () => 7, { signal: controller.signal, abandon: async () => {}, dispose: async () => {} })).resolves.toBe(7);
  });
});
