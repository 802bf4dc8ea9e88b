import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findHelm, type HelmBinary } from "./helm-binary.js";
import { mapLimit, renderAll, renderSides } from "./render-all.js";
import { renderRelease, templatePath } from "./render-release.js";
import { discoverReleases } from "./releases-config.js";
import type { Release, ReleaseSet } from "./releases.js";
import { tempDir, webChart, writeTree } from "./testing/charts.js";

let helm: HelmBinary;
// The first run builds helm from its Go module (minutes); later runs reuse the tools dir.
beforeAll(async () => {
  helm = await findHelm();
}, 900_000);

/** The pinned helm of one major ($KUBEGATE_HELM_VERSION), built on first use. */
async function helmOfMajor(major: "3" | "4"): Promise<HelmBinary> {
  const found = await findHelm({ env: { ...process.env, KUBEGATE_HELM: "", KUBEGATE_HELM_VERSION: major } });
  expect(found).toMatchObject({ origin: "pinned", version: expect.stringMatching(new RegExp(`^v${major}\\.`)) });
  return found;
}

function release(root: string, over: Partial<Release> = {}): Release {
  return {
    name: "shop", namespace: "shop", chart: join(root, "charts/web"), chartShown: "charts/web", chartKey: "charts/web",
    values: [], set: {}, declaredIn: { file: "kubegate.yaml", line: 2 }, ...over,
  };
}

describe.each(["4", "3"] as const)("renderRelease (real helm %s)", (major) => {
  let helm: HelmBinary;
  beforeAll(async () => {
    helm = await helmOfMajor(major);
  }, 900_000);

  it("renders a local chart offline with provenance: release, template path, # Source:, namespace", async () => {
    const root = await writeTree(await tempDir(), { ...prefix("charts/", webChart()), "values/shop.yaml": "host: shop.example.com\ntls: {secretName: shop-tls}\n" });
    const outcome = await renderRelease(
      release(root, { values: [{ kind: "file", path: join(root, "values/shop.yaml"), key: "values/shop.yaml", shown: "values/shop.yaml" }], set: { replicas: 3 } }),
      { helm, kubeVersion: "1.31" },
    );
    if (!outcome.ok) throw new Error(outcome.error);
    const byKind = new Map(outcome.objects.map((o) => [o.object.kind, o]));
    expect([...byKind.keys()].sort()).toEqual(["ConfigMap", "CustomResourceDefinition", "Deployment", "Ingress", "Service"]); // --include-crds, --skip-tests
    const ingress = byKind.get("Ingress")!;
    expect(ingress.source).toMatchObject({ release: "shop", helmSource: "web/templates/ingress.yaml", file: "charts/web/templates/ingress.yaml", line: 2 }); // the kind: line of its document
    expect(ingress.object.metadata.namespace).toBe("shop");
    expect((ingress.object.spec as { tls: unknown }).tls).toEqual([{ hosts: ["shop.example.com"], secretName: "shop-tls" }]);
    expect(byKind.get("CustomResourceDefinition")!.object.metadata.namespace).toBeUndefined();
    expect(byKind.get("CustomResourceDefinition")!.source.file).toBe("charts/web/crds/widgets.yaml");
    expect((byKind.get("Deployment")!.object.spec as { replicas: number }).replicas).toBe(3); // --set-json keeps the number
    expect((byKind.get("ConfigMap")!.object.data as { version: string }).version).toBe("v1.31.0"); // --kube-version
  });

  it("renders a packaged .tgz chart made with `helm package`", async () => {
    const root = await writeTree(await tempDir(), prefix("src/", webChart("packaged")));
    const out = await tempDir();
    execFileSync(helm.path, ["package", join(root, "src/packaged"), "--destination", out], { env: { PATH: process.env.PATH, HOME: out, HELM_CONFIG_HOME: join(out, "c"), HELM_CACHE_HOME: join(out, "k"), HELM_DATA_HOME: join(out, "d") } });
    const tgz = join(out, "packaged-1.2.3.tgz");
    const r = release(root, { chart: tgz, chartShown: "packaged-1.2.3.tgz", chartKey: "packaged-1.2.3.tgz", name: "pkg", namespace: "apps" });
    const outcome = await renderRelease(r, { helm, kubeVersion: "1.34" });
    if (!outcome.ok) throw new Error(outcome.error);
    const ingress = outcome.objects.find((o) => o.object.kind === "Ingress")!;
    expect(ingress.source).toMatchObject({ release: "pkg", helmSource: "packaged/templates/ingress.yaml", file: "packaged-1.2.3.tgz#packaged/templates/ingress.yaml" });
    expect(ingress.object.metadata.namespace).toBe("apps");
  });

  it("a failing render is an outcome with helm's error and stderr tail, not an exception", async () => {
    const root = await writeTree(await tempDir(), prefix("charts/", webChart()));
    const outcome = await renderRelease(release(root, { set: { fail: true } }), { helm, kubeVersion: "1.34" });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toContain("values asked this chart to fail");
    expect(outcome.stderrTail.join("\n")).toContain("web/templates/deployment.yaml");
  });

  it("templatePath maps subchart sources into the chart folder", () => {
    const r = release("/x", { chartShown: "platform/charts/web" });
    expect(templatePath(r, "web/charts/redis/templates/sts.yaml")).toBe("platform/charts/web/charts/redis/templates/sts.yaml");
  });
});

describe("renderAll / renderSides (real helm)", () => {
  async function platform(releases: number, failing: string[] = []): Promise<ReleaseSet> {
    const files: Record<string, string> = { ...prefix("charts/", webChart()), "shared.yaml": "replicas: 2\n" };
    const lines = ["releases:"];
    for (let i = 0; i < releases; i++) {
      const name = `app-${i}`;
      files[`values/${name}.yaml`] = `host: ${name}.example.com\n${failing.includes(name) ? "fail: true\n" : ""}`;
      lines.push(`  - {name: ${name}, namespace: ns-${i}, chart: charts/web, values: [shared.yaml, values/${name}.yaml]}`);
    }
    files["kubegate.yaml"] = `${lines.join("\n")}\n`;
    return (await discoverReleases(await writeTree(await tempDir(), files)))!;
  }

  it("renders every release, keeps order, and one failure does not hide the others", async () => {
    const set = await platform(5, ["app-2"]);
    const seen: string[] = [];
    const renders = await renderAll(set, { helm, kubeVersion: "1.34", concurrency: 2, onRendered: (_side, r) => seen.push(r.release.name) });
    expect(renders.map((r) => r.release.name)).toEqual(["app-0", "app-1", "app-2", "app-3", "app-4"]);
    expect(renders.map((r) => r.outcome.ok)).toEqual([true, true, false, true, true]);
    expect(seen.sort()).toEqual(["app-0", "app-1", "app-2", "app-3", "app-4"]);
  });

  it("mapLimit never runs more than the limit at once", async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5 + (n % 3) * 5));
      running--;
      return n * 2;
    });
    expect(out).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(peak).toBe(3);
  });

  it("pairs releases by name; head-only failures are left to the rule, both-side failures are problems", async () => {
    const base = await platform(3, ["app-1"]);
    const head = await platform(3, ["app-1", "app-2"]);
    const r = await renderSides(base, head, { helm, kubeVersion: "1.34" });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/^release app-1 \(namespace ns-1, chart charts\/web, values shared.yaml, values\/app-1.yaml\) fails to render on base and head: .*values asked this chart to fail/);
    expect(r.problems[0]).toMatchObject({ file: "kubegate.yaml", line: 3 });
    // app-2 fails on head only: its base objects are not diffed (they would read as deletions).
    expect(new Set(r.base.map((o) => o.source.release))).toEqual(new Set(["app-0"]));
    expect(new Set(r.head.map((o) => o.source.release))).toEqual(new Set(["app-0"]));
    const app2 = r.helm.releases.find((x) => x.name === "app-2")!;
    expect(app2.base?.outcome.ok).toBe(true);
    expect(app2.head?.outcome.ok).toBe(false);
  });
});

function prefix(dir: string, files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${dir}${k}`, v]));
}
