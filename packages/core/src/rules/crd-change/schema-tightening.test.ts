import { describe, expect, it } from "vitest";
import { schemaTightenings, type Schema } from "./schema-tightening.js";

const obj = (properties: Record<string, Schema>, extra: Schema = {}): Schema => ({ type: "object", properties, ...extra });
const str: Schema = { type: "string" };

describe("schemaTightenings", () => {
  it("reports a schema added where there was none, and nothing for a schema removed", () => {
    expect(schemaTightenings(undefined, obj({ spec: obj({}) }))).toEqual([{ path: "$", what: expect.stringContaining("schema added where there was none") }]);
    expect(schemaTightenings(obj({ spec: obj({}) }), undefined)).toEqual([]);
  });

  it("reports a removed property with its JSON path, but not its children", () => {
    const base = obj({ spec: obj({ tls: obj({ secretName: str, options: obj({ name: str }) }) }) });
    const head = obj({ spec: obj({}) });
    expect(schemaTightenings(base, head)).toEqual([{ path: "$.spec.tls", what: "property removed (existing values are pruned)" }]);
  });

  it("does not report a removed property where head keeps unknown fields", () => {
    const base = obj({ spec: obj({ legacy: str }) });
    expect(schemaTightenings(base, obj({ spec: obj({}, { "x-kubernetes-preserve-unknown-fields": true }) }))).toEqual([]);
    expect(schemaTightenings(base, obj({ spec: obj({}, { additionalProperties: str }) }))).toEqual([]);
  });

  it("reports newly required properties, inside array items too", () => {
    const base = obj({ spec: obj({ routes: { type: "array", items: obj({ match: str, kind: str }, { required: ["match"] }) } }) });
    const head = obj({ spec: obj({ routes: { type: "array", items: obj({ match: str, kind: str }, { required: ["match", "kind"] }) } }) });
    expect(schemaTightenings(base, head)).toEqual([{ path: "$.spec.routes[*].kind", what: "newly required" }]);
  });

  it("reports a new property that is required at once", () => {
    expect(schemaTightenings(obj({ spec: obj({}) }), obj({ spec: obj({ ingressClassName: str }, { required: ["ingressClassName"] }) }))).toEqual([
      { path: "$.spec.ingressClassName", what: "newly required" },
    ]);
  });

  it("reports type changes but not widening ones", () => {
    const at = (base: Schema, head: Schema) => schemaTightenings(obj({ port: base }), obj({ port: head }));
    expect(at({ type: "integer" }, { type: "string" })).toEqual([{ path: "$.port", what: "type changed from integer to string" }]);
    expect(at({ "x-kubernetes-int-or-string": true }, { type: "integer" })).toEqual([{ path: "$.port", what: "type changed from int-or-string to integer" }]);
    expect(at({}, { type: "string" })).toEqual([{ path: "$.port", what: "type changed from any to string" }]);
    expect(at({ type: "integer" }, { type: "number" })).toEqual([]);
    expect(at({ type: "integer" }, { "x-kubernetes-int-or-string": true })).toEqual([]);
    expect(at({ type: "string" }, {})).toEqual([]);
  });

  it("does not read a v1beta1 root without type as a type change", () => {
    expect(schemaTightenings({ properties: { spec: obj({}) } }, obj({ spec: obj({}) }))).toEqual([]);
    expect(schemaTightenings(obj({ spec: { properties: { a: str } } }), obj({ spec: obj({ a: str }) }))).toEqual([]);
  });

  it("reports enums added or narrowed, not widened", () => {
    const at = (base: Schema, head: Schema) => schemaTightenings(obj({ kind: base }), obj({ kind: head }));
    expect(at({ type: "string", enum: ["Rule", "Regexp"] }, { type: "string", enum: ["Rule"] })).toEqual([{ path: "$.kind", what: 'enum narrowed ("Regexp" no longer allowed)' }]);
    expect(at(str, { type: "string", enum: ["Rule"] })).toEqual([{ path: "$.kind", what: 'enum added (only "Rule" allowed)' }]);
    expect(at({ type: "string", enum: ["Rule"] }, { type: "string", enum: ["Rule", "Regexp"] })).toEqual([]);
  });

  it("reports x-kubernetes-preserve-unknown-fields removed", () => {
    const base = obj({ spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true } });
    const head = obj({ spec: obj({ a: str }) });
    expect(schemaTightenings(base, head)).toEqual([{ path: "$.spec", what: "x-kubernetes-preserve-unknown-fields removed (unknown fields are now pruned)" }]);
  });

  it("follows maps and reports a map turned into fixed properties", () => {
    const base = obj({ headers: { type: "object", additionalProperties: { type: "string" } } });
    expect(schemaTightenings(base, obj({ headers: { type: "object", additionalProperties: { type: "integer" } } }))).toEqual([
      { path: "$.headers.*", what: "type changed from string to integer" },
    ]);
    expect(schemaTightenings(base, obj({ headers: obj({ host: str }) }))).toEqual([
      { path: "$.headers", what: "additionalProperties removed (map entries not named in properties are pruned)" },
    ]);
  });

  it("quotes property names that are not identifiers", () => {
    expect(schemaTightenings(obj({ "x-forwarded-for": str }), obj({}))).toEqual([{ path: "$['x-forwarded-for']", what: expect.stringContaining("property removed") }]);
  });

  it("ignores description edits and new optional properties", () => {
    const base = obj({ spec: obj({ a: { type: "string", description: "old" } }) });
    const head = obj({ spec: obj({ a: { type: "string", description: "new" }, b: str }, { description: "spec" }) });
    expect(schemaTightenings(base, head)).toEqual([]);
  });
});
