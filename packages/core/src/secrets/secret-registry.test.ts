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
