import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkedVersion, findHelm, isolatedHelmEnv, kubeVersionFlag, pinnedHelmTool } from "./helm-binary.js";
import { tempDir } from "./testing/charts.js";

async function fakeHelm(version: string): Promise<string> {
  const dir = await tempDir();
  const path = join(dir, "helm");
  await writeFile(path, `#!/bin/sh\necho "${version}"\n`);
  await chmod(path, 0o755);
  return path;
}

describe("helm binary", () => {
  it("--kube-version is always a full version", () => {
    expect(kubeVersionFlag("1.34")).toBe("v1.34.0");
    expect(kubeVersionFlag("v1.31.4")).toBe("v1.31.4");
    expect(() => kubeVersionFlag("latest")).toThrow(/bad Kubernetes version/);
  });

  it("checks the version: helm older than 3.10 (no --set-json) is refused", async () => {
    await expect(checkedVersion(await fakeHelm("v3.9.4"), "helm on PATH")).rejects.toThrow(/is helm v3.9.4; kubegate needs >= v3.10/);
    expect(await checkedVersion(await fakeHelm("v3.14.2"), "helm on PATH")).toBe("v3.14.2");
    await expect(checkedVersion(await fakeHelm("garbage"), "helm on PATH")).rejects.toThrow(/printed no version/);
  });

  it("$KUBEGATE_HELM wins; a too-old helm on PATH is skipped with a note", async () => {
    const explicit = await fakeHelm("v3.16.0");
    expect(await findHelm({ env: { KUBEGATE_HELM: explicit } })).toEqual({ path: explicit, version: "v3.16.0", origin: "env" });
    const old = await fakeHelm("v3.2.0");
    const notes: string[] = [];
    const dir = join(old, "..");
    await findHelm({ env: { PATH: dir }, preferPath: true, build: false, log: (l) => notes.push(l) }).catch(() => undefined);
    expect(notes.join("\n")).toContain("is helm v3.2.0");
  });

  it("$KUBEGATE_HELM_VERSION picks the pinned Helm major: 4 by default, 3 for Helm 3 users", () => {
    expect(pinnedHelmTool({})).toEqual({ tool: "helm", major: 4 });
    expect(pinnedHelmTool({ KUBEGATE_HELM_VERSION: "4" })).toEqual({ tool: "helm", major: 4 });
    expect(pinnedHelmTool({ KUBEGATE_HELM_VERSION: "3" })).toEqual({ tool: "helm3", major: 3 });
    expect(() => pinnedHelmTool({ KUBEGATE_HELM_VERSION: "2" })).toThrow("$KUBEGATE_HELM_VERSION must be 3 or 4");
  });

  it("a helm on PATH of another major than $KUBEGATE_HELM_VERSION asks for is not used", async () => {
    const four = await fakeHelm("v4.3.2");
    const notes: string[] = [];
    await findHelm({ env: { PATH: join(four, ".."), KUBEGATE_HELM_VERSION: "3" }, preferPath: true, build: false, log: (l) => notes.push(l) }).catch(() => undefined);
    expect(notes.join("\n")).toContain("it is helm v4.3.2 and $KUBEGATE_HELM_VERSION asks for Helm 3");
    expect(await findHelm({ env: { PATH: join(four, ".."), KUBEGATE_HELM_VERSION: "4" }, preferPath: true, build: false })).toMatchObject({ path: four, origin: "path" });
  });

  it("renders in an isolated environment: no user repositories, plugins or kubeconfig", () => {
    const env = isolatedHelmEnv({ PATH: "/bin", HOME: "/root", KUBECONFIG: "/root/.kube/config", HELM_REPOSITORY_CONFIG: "/x" });
    expect(env.PATH).toBe("/bin");
    expect(env.KUBECONFIG).not.toBe("/root/.kube/config");
    expect(env.HELM_REPOSITORY_CONFIG).toBeUndefined();
  });
});
