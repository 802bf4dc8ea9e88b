import { describe, expect, it } from "vitest";
import { InputsError, parseList, readInputs, UnsupportedFeatureError } from "./inputs.js";

const from = (values: Record<string, string>) => (name: string): string => values[name] ?? "";

describe("readInputs", () => {
  it("has the documented defaults", () => {
    expect(readInputs(from({ "github-token": "t" }))).toEqual({
      base: [],
      head: [],
      paths: ["."],
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

  it.each([
    [{ "helm-releases": "traefik" }, /^helm-releases asks for Helm release rendering, which this version of the kubegate action does not support yet/],
    [{ "pulumi-preview": "preview.json" }, /^pulumi-preview asks for Pulumi preview input, which this version of the kubegate action does not support yet/],
  ])("accepts %o but fails clearly: the feature is not there yet", (values, message) => {
    let error: unknown;
    try {
      readInputs(from(values));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsupportedFeatureError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("parseList", () => {
  it("drops blanks", () => {
    expect(parseList("\n a ,, b\n\n")).toEqual(["a", "b"]);
  });
});
