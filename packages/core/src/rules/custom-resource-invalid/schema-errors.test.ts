import type { ErrorObject } from "ajv";
import { describe, expect, it } from "vitest";
import { describeErrors, describeValue, formatPath, pointerSegments } from "./schema-errors.js";

const err = (instancePath: string, keyword: string, params: Record<string, unknown> = {}, message?: string): ErrorObject => ({ instancePath, keyword, params, schemaPath: "#", ...(message ? { message } : {}) });

describe("paths", () => {
  it("formats JSON pointers as dotted paths with list indexes", () => {
    expect(formatPath(pointerSegments("/spec/routes/0/services/0/port"))).toBe("spec.routes[0].services[0].port");
    expect(formatPath(pointerSegments("/metadata/annotations/example.com~1owner"))).toBe('metadata.annotations["example.com/owner"]');
    expect(formatPath([])).toBe("(object)");
  });
});

describe("describeErrors", () => {
  const object = { spec: { routes: [{ services: [{ port: true }], kind: "Rul" }], token: "hunter2" } };

  it("merges the type errors of an int-or-string anyOf and drops the anyOf summary", () => {
    const issues = describeErrors(
      [err("/spec/routes/0/services/0/port", "type", { type: "integer" }), err("/spec/routes/0/services/0/port", "type", { type: "string" }), err("/spec/routes/0/services/0/port", "anyOf")],
      object,
    );
    expect(issues).toEqual([{ path: "spec.routes[0].services[0].port", problem: "expected integer or string, got true", unknownField: false }]);
  });

  it("names missing fields, unknown fields and enum choices at their own path", () => {
    const issues = describeErrors(
      [err("/spec/routes/0", "required", { missingProperty: "match" }), err("/spec", "additionalProperties", { additionalProperty: "tsl" }), err("/spec/routes/0/kind", "enum", { allowedValues: ["Rule"] })],
      object,
    );
    expect(issues).toEqual([
      { path: "spec.routes[0].match", problem: "required field is missing", unknownField: false },
      { path: "spec.tsl", problem: "is not in the schema", unknownField: true },
      { path: "spec.routes[0].kind", problem: 'expected one of "Rule", got the string "Rul"', unknownField: false },
    ]);
  });

  it("keeps a oneOf error nothing beneath it explains", () => {
    expect(describeErrors([err("/spec", "oneOf")], object)).toEqual([{ path: "spec", problem: "matches none of the allowed forms", unknownField: false }]);
  });

  it("never quotes values under credential-looking keys", () => {
    const [issue] = describeErrors([err("/spec/token", "pattern", { pattern: "^x" })], object);
    expect(issue!.problem).toBe("must match ^x, got a string");
    expect(JSON.stringify(issue)).not.toContain("hunter2");
  });

  it("falls back to ajv's message for other keywords", () => {
    expect(describeErrors([err("/spec/routes", "maxItems", { limit: 0 }, "must NOT have more than 0 items")], object)[0]!.problem).toBe("must NOT have more than 0 items");
  });
});

describe("describeValue", () => {
  it("describes instead of quoting long strings and structures", () => {
    expect(describeValue("x".repeat(41), "name")).toBe("a string");
    expect(describeValue([1], "a")).toBe("a list");
    expect(describeValue({}, "a")).toBe("an object");
    expect(describeValue(8080, "port")).toBe("8080");
  });
});
