import { describe, expect, it } from "vitest";
import { InputsError, parseList, readInputs } from "./inputs.js";

const from = (values: Record<string, string>) => (name: string): string => values[name] ?? "";

describe("readInputs", () => {
  it("has the documented defaults", () => {
    expect(readInputs(from({ "github-token": "t" }))).toEqual({
      base: [],
      head: [],
      paths: ["."],
      helmReleases: [],
      chartRepos: [],
      stage: "off",
      comment: true,
      sarif: false,
      token: "t",
    });
  });

  it("splits lists on newlines and commas and reads every option", () => {
    const inputs = readInputs(
      from({
        base: "a/base\n b/base ,c.yaml",
        head: "a/head",
        config: "ci/kubegate.yaml",
        "kube-version": "v1.34",
        "fail-on": "warn",
        comment: "false",
        sarif: "TRUE",
      }),
    );
    expect(inputs).toMatchObject({ base: ["a/base", "b/base", "c.yaml"], head: ["a/head"], config: "ci/kubegate.yaml", kubeVersion: "v1.34", failOn: "warn", comment: false, sarif: true });
    expect(readInputs(from({ "base-ref": "origin/main", "head-ref": "HEAD~1", paths: "deploy\nclusters/prod" }))).toMatchObject({
      baseRef: "origin/main",
      headRef: "HEAD~1",
      paths: ["deploy", "clusters/prod"],
    });
  });

  it("reports every invalid input at once", () => {
    let error: unknown;
    try {
      readInputs(from({ head: "x", "base-ref": "--upload-pack=evil", paths: "../outside\n/etc", "kube-version": "2.0", stage: "docker", "fail-on": "never", "gate-on": "all", comment: "yes", sarif: "1" }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputsError);
    expect((error as InputsError).problems).toEqual([
      "base and head go together: set both (manifest paths) or neither (compare git refs); got only head",
      'base-ref: "--upload-pack=evil" is not a git ref or commit (no leading "-", no spaces)',
      'paths: "../outside" must be relative and inside the repository',
      'paths: "/etc" must be relative and inside the repository',
      'kube-version: "2.0" is not a Kubernetes version like 1.34',
      'stage: "docker" is not one of off, local, kind, k3s',
      'fail-on: "never" is not block or warn',
      'gate-on: "all" is not changes or everything',
      'comment: "yes" is not a boolean (use true or false)',
      'sarif: "1" is not a boolean (use true or false)',
    ]);
  });

  it("refuses paths and refs together", () => {
    expect(() => readInputs(from({ base: "a", head: "b", "head-ref": "main" }))).toThrow(/exclude each other/);
  });

  it.each(["off", "local", "kind", "k3s"] as const)("accepts stage: %s (the provider name goes to core as is)", (stage) => {
    expect(readInputs(from({ stage })).stage).toBe(stage);
  });

  it.each(["docker", "Local", "kubeconfig", "local,kind"])("refuses stage: %s", (stage) => {
    expect(() => readInputs(from({ stage }))).toThrow(`stage: "${stage}" is not one of off, local, kind, k3s`);
  });

  it("reads helm-releases, pulumi-preview, environment and chart-repos", () => {
    const helm = readInputs(from({ "helm-releases": "platform, infra", environment: "prod", "chart-repos": "bitnami=vendor/bitnami" }));
    expect(helm).toMatchObject({ helmReleases: ["platform", "infra"], environment: "prod", chartRepos: ["bitnami=vendor/bitnami"] });
    expect(readInputs(from({ "pulumi-preview": "preview.json" })).pulumiPreview).toBe("preview.json");
  });

  it.each([
    [{ "pulumi-preview": "preview.json", base: "a", head: "b" }, /pulumi-preview takes both sides from the preview/],
    [{ "helm-releases": "platform", base: "a", head: "b" }, /helm-releases names folders read at base-ref and head-ref/],
  ])("refuses %o", (values, message) => {
    expect(() => readInputs(from(values))).toThrow(InputsError);
    expect(() => readInputs(from(values))).toThrow(message);
  });
});

describe("parseList", () => {
  it("drops blanks", () => {
    expect(parseList("\n a ,, b\n\n")).toEqual(["a", "b"]);
  });
});
