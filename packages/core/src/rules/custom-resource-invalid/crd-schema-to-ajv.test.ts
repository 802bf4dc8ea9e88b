import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { crdSchemaToAjv, isSchemaless, K8S_FORMATS, type JsonSchema } from "./crd-schema-to-ajv.js";

function validator(schema: JsonSchema, prune = true): (spec: unknown, metadata?: unknown) => string[] {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  for (const [name, format] of Object.entries(K8S_FORMATS)) ajv.addFormat(name, format);
  const fn = ajv.compile(crdSchemaToAjv({ type: "object", properties: { spec: schema } }, { prune }));
  return (spec, metadata = { name: "x" }) => (fn({ apiVersion: "a/v1", kind: "K", metadata, spec }) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}${e.params.additionalProperty ? ` ${e.params.additionalProperty}` : ""}`));
}

describe("crdSchemaToAjv", () => {
  it("accepts integers and strings for x-kubernetes-int-or-string, nothing else", () => {
    const v = validator({ type: "object", properties: { port: { anyOf: [{ type: "integer" }, { type: "string" }], "x-kubernetes-int-or-string": true } } });
    expect(v({ port: 80 })).toEqual([]);
    expect(v({ port: "http" })).toEqual([]);
    expect(v({ port: true })).not.toEqual([]);
    const bare = validator({ type: "object", properties: { port: { "x-kubernetes-int-or-string": true } } });
    expect(bare({ port: "8080s" })).toEqual([]);
    expect(bare({ port: 1.5 })).toEqual(["/spec/port type"]);
  });

  it("reports unknown fields of pruned nodes as additionalProperties, but not under preserve-unknown-fields", () => {
    const schema = { type: "object", properties: { known: { type: "string" }, free: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } };
    expect(validator(schema)({ known: "a", typo: 1, free: { anything: 1 } })).toEqual(["/spec additionalProperties typo"]);
    expect(validator(schema, false)({ known: "a", typo: 1 })).toEqual([]);
  });

  it("keeps maps (additionalProperties schemas) and does not prune inside anyOf branches", () => {
    const v = validator({ type: "object", properties: { labels: { type: "object", additionalProperties: { type: "string" } } }, anyOf: [{ required: ["labels"] }, { properties: { labels: { minProperties: 1 } } }] });
    expect(v({ labels: { a: "b" } })).toEqual([]);
    expect(v({ labels: { a: 1 } })).toEqual(["/spec/labels/a type"]);
  });

  it("allows null only where nullable is set", () => {
    const v = validator({ type: "object", properties: { a: { type: "string", nullable: true }, b: { type: "string" } } });
    expect(v({ a: null })).toEqual([]);
    expect(v({ b: null })).toEqual(["/spec/b type"]);
  });

  it("gives embedded resources apiVersion, kind and metadata and requires the first two", () => {
    const v = validator({ type: "object", properties: { template: { type: "object", "x-kubernetes-embedded-resource": true, properties: { spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } } } });
    expect(v({ template: { apiVersion: "v1", kind: "Pod", metadata: { labels: { a: "b" } }, spec: { x: 1 } } })).toEqual([]);
    expect(v({ template: { spec: {} } })).toEqual(["/spec/template required", "/spec/template required"]);
  });

  it("turns OpenAPI 3.0 boolean exclusive bounds into draft-07 numbers", () => {
    const v = validator({ type: "object", properties: { n: { type: "integer", minimum: 0, exclusiveMinimum: true } } });
    expect(v({ n: 1 })).toEqual([]);
    expect(v({ n: 0 })).toEqual(["/spec/n exclusiveMinimum"]);
  });

  it("checks Kubernetes formats the Kubernetes way and drops the others", () => {
    const v = validator({ type: "object", properties: { n: { type: "integer", format: "int32" }, b: { type: "string", format: "byte" }, t: { type: "string", format: "date-time" }, d: { type: "string", format: "duration" }, u: { type: "string", format: "uri" } } });
    expect(v({ n: 5, b: "aGVsbG8=", t: "2021-09-01T11:34:00Z", d: "1h30m", u: "not a uri" })).toEqual([]);
    expect(v({ t: "2021-09-01T11:34" })).toEqual([]);
    expect(v({ n: 2 ** 31 })).toEqual(["/spec/n format"]);
    expect(v({ b: "not base64!" })).toEqual(["/spec/b format"]);
  });

  it("skips RE2-only patterns instead of failing to compile", () => {
    const v = validator({ type: "object", properties: { a: { type: "string", pattern: "(?i)^abc$" }, b: { type: "string", pattern: "^[a-z]+$" } } });
    expect(v({ a: "ABC", b: "abc" })).toEqual([]);
    expect(v({ b: "ABC" })).toEqual(["/spec/b pattern"]);
  });

  it("validates metadata like the API server (name required, string labels) and never prunes it", () => {
    const v = validator({ type: "object" });
    expect(v({}, { name: "x", labels: { a: "b" }, finalizers: ["f"], ownerReferences: [] })).toEqual([]);
    expect(v({}, { labels: { version: 1 } })).toEqual(["/metadata required", "/metadata/labels/version type"]);
  });
});

describe("isSchemaless", () => {
  it("is true for no schema, an empty one, or one that only preserves unknown fields", () => {
    expect(isSchemaless(undefined)).toBe(true);
    expect(isSchemaless({ type: "object" })).toBe(true);
    expect(isSchemaless({ type: "object", properties: { metadata: { type: "object" }, spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } })).toBe(true);
  });

  it("is false as soon as a field is constrained", () => {
    expect(isSchemaless({ type: "object", properties: { spec: { type: "object", properties: { a: { type: "string" } } } } })).toBe(false);
    expect(isSchemaless({ type: "object", properties: { spec: { type: "object" } } })).toBe(false);
  });
});
