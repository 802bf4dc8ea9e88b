import { describe, expect, it } from "vitest";
import { SecretRegistry } from "./secret-registry.js";

describe("SecretRegistry.redact", () => {
  it("replaces every occurrence, the longest secret first, and the base64-decoded form too", () => {
    const r = new SecretRegistry();
    r.add("abcd");
    r.add("abcdefgh");
    r.add(Buffer.from("decoded-secret").toString("base64"));
    expect(r.redact("x abcdefgh y abcd z abcdefg decoded-secret!")).toBe("x *** y *** z ***efg ***!");
  });

  it("leaves text without secrets untouched and ignores values too short to be secrets", () => {
    const r = new SecretRegistry();
    r.add("on");
    expect(r.redact("turn it on")).toBe("turn it on");
    r.add("p4ss");
    expect(r.redact("nothing here")).toBe("nothing here");
    expect(r.redact("p4s")).toBe("p4s");
  });

  it("stays correct after more values are added (index rebuilt)", () => {
    const r = new SecretRegistry();
    r.add("first-secret");
    expect(r.redact("first-secret second-secret")).toBe("*** second-secret");
    r.add("second-secret");
    expect(r.redact("first-secret second-secret")).toBe("*** ***");
  });
});

describe("SecretRegistry: a config file kept in a Secret (kube-prometheus' alertmanager.yaml)", () => {
  const config = 'route:\n  receiver: "null"\n  routes:\n  - matchers:\n    - "severity": "critical"\n    receiver: pager\nreceivers:\n- name: pager\n  pagerduty_configs:\n  - service_key: 9f3a7c1e5b2d4f60a8e1\n';

  it("does not register the file's words: ordinary output keeps \"critical\", \"name:\" and JSON keys", () => {
    const r = new SecretRegistry();
    r.add(config);
    expect(r.redact('{ "severity": "critical", "name": "alertmanager-main", "receiver": "pager" }')).toBe('{ "severity": "critical", "name": "alertmanager-main", "receiver": "pager" }');
  });

  it("still removes the file, any whole line of it, and a one-line secret's folded pieces", () => {
    const r = new SecretRegistry();
    r.add(config);
    expect(r.redact(`value: ${config}`)).toBe("value: ***");
    expect(r.redact("+  - service_key: 9f3a7c1e5b2d4f60a8e1")).toBe("+***");
    r.add("correct horse battery staple-2026");
    expect(r.redact("folded: correct horse\n  battery staple-2026")).toBe("folded: *** horse\n  *** ***");
  });
});

describe("SecretRegistry.redactValue (JSON and SARIF)", () => {
  it("redacts every string and key on its own, so the document stays valid JSON", () => {
    const r = new SecretRegistry();
    r.add('", "severity": "');
    r.add("tok-ABCDEF-123456");
    const out = JSON.stringify(r.redactValue({ severity: "critical", message: 'x", "severity": "y tok-ABCDEF-123456', list: ["tok-ABCDEF-123456", 3, null], ["tok-ABCDEF-123456"]: true }));
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(parsed).toEqual({ severity: "critical", message: "x***y ***", list: ["***", 3, null], "***": true });
  });
});
