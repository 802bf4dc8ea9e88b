import { describe, expect, it } from "vitest";
import { InputError } from "../model/input-error.js";
import { parseConfig } from "./load-config.js";

describe("rule ids in kubegate.yaml", () => {
  it("accepts static and staged rule ids", () => {
    expect(parseConfig("rules:\n  crd-install: off\n  smoke-route-broken: warning\nacknowledge:\n  - rule: smoke-tls-mismatch\n    reason: shared cert\n", "kubegate.yaml").rules).toEqual({ "crd-install": "off", "smoke-route-broken": "warning" });
  });

  it("rejects an unknown id under rules: naming its line and the id it resembles", () => {
    const text = "kubeVersion: '1.34'\nrules:\n  crd-install: off\n  smoke-route-regresed: warning\n";
    expect(() => parseConfig(text, "kubegate.yaml")).toThrow(InputError);
    expect(() => parseConfig(text, "kubegate.yaml")).toThrow('kubegate.yaml:4: rules: unknown rule id "smoke-route-regresed"; did you mean smoke-route-regressed?');
  });

  it("rejects an unknown id in acknowledge: naming its line", () => {
    const text = "acknowledge:\n  - rule: loadbalancer-recreated\n    reason: ok\n  - rule: not-a-rule\n    reason: typo\n";
    expect(() => parseConfig(text, "kubegate.yaml")).toThrow(/^kubegate\.yaml:4: acknowledge: unknown rule id "not-a-rule" \(`kubegate rules` lists them\)$/);
  });
});
