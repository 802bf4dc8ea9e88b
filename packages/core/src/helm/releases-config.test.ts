import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/load-config.js";
import { InputError } from "../model/input-error.js";
import { declaresReleases, discoverReleases } from "./releases-config.js";
import { tempDir, webChart, writeTree } from "./testing/charts.js";

async function problems(p: Promise<unknown>): Promise<InputError["problems"]> {
  try {
    await p;
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error("expected an InputError");
}

const chart = (dir = "charts/") => Object.fromEntries(Object.entries(webChart()).map(([k, v]) => [`${dir}${k}`, v]));

describe("kubegate.yaml releases:", () => {
  it("has a strict schema instead of the placeholder", () => {
    expect(() => parseConfig("releases:\n  - {name: a, chart: c, valuse: [x.yaml]}\n", "kubegate.yaml")).toThrow(/valuse/);
    expect(() => parseConfig("releases:\n  - {name: Bad_Name, chart: c}\n", "kubegate.yaml")).toThrow(/releases\/0\/name must match pattern/);
    expect(() => parseConfig("releases:\n  - {name: a}\n", "kubegate.yaml")).toThrow(/must have required property 'chart'/);
    expect(() => parseConfig("releases: {a: 1}\n", "kubegate.yaml")).toThrow(/releases must be array/);
    expect(parseConfig("releases:\n  - {name: a, namespace: n, chart: c, values: [v.yaml], set: {image.tag: '1.2'}}\n", "kubegate.yaml").releases).toEqual([
      { name: "a", namespace: "n", chart: "c", values: ["v.yaml"], set: { "image.tag": "1.2" } },
    ]);
  });

  it("resolves paths against the folder, keeps values order, defaults the namespace", async () => {
    const root = await writeTree(await tempDir(), {
      ...chart(), "global.yaml": "a: 1\n", "values/shop.yaml": "b: 2\n",
      "kubegate.yaml": "defaultNamespace: apps\nreleases:\n  - name: shop\n    chart: charts/web\n    values: [global.yaml, values/shop.yaml]\n",
    });
    const set = (await discoverReleases(root, { shownRoot: "platform" }))!;
    expect(set.origin).toBe("kubegate.yaml");
    const [r] = set.releases;
    expect(r).toMatchObject({ name: "shop", namespace: "apps", chart: join(root, "charts/web"), chartShown: "platform/charts/web", declaredIn: { file: "platform/kubegate.yaml", line: 3 } });
    expect(r!.values.map((v) => [v.key, v.shown])).toEqual([["global.yaml", "platform/global.yaml"], ["values/shop.yaml", "platform/values/shop.yaml"]]);
  });

  it("names every missing chart and values file, and duplicate releases, at once", async () => {
    const root = await writeTree(await tempDir(), {
      "kubegate.yaml": "releases:\n  - {name: a, chart: charts/nope, values: [missing.yaml]}\n  - {name: b, chart: oci://registry.example.com/charts/nginx}\n  - {name: a, chart: charts/nope}\n  - {name: a, namespace: other, chart: charts/nope}\n",
    });
    const list = await problems(discoverReleases(root));
    expect(list.map((p) => [p.line, p.message])).toEqual([
      [2, "releases[0].chart: charts/nope is not a local chart (no such folder or .tgz)"],
      [2, "releases[0].values: values file missing.yaml not found"],
      [3, "releases[1].chart: oci://registry.example.com/charts/nginx is not a local chart (looks like a repository chart: kubegate renders offline, so vendor the chart folder or .tgz into the repository)"],
      [4, "releases[2].chart: charts/nope is not a local chart (no such folder or .tgz)"],
      [5, "releases[3].chart: charts/nope is not a local chart (no such folder or .tgz)"],
      [4, "release a is declared twice in namespace default (first at kubegate.yaml:2); Helm release names are unique per namespace"],
    ]);
  });
});

describe("declaresReleases", () => {
  it("a folder without kubegate.yaml releases or helmfile declares none", async () => {
    const root = await writeTree(await tempDir(), { "kubegate.yaml": "kubeVersion: '1.34'\n", "app.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" });
    expect(declaresReleases(root)).toBe(false);
    expect(await discoverReleases(root)).toBeUndefined();
  });
});
