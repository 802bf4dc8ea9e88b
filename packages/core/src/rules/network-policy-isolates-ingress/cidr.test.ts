import { describe, expect, it } from "vitest";
import { cidrAdmitsPods, cidrIsAll } from "./cidr.js";

describe("cidrAdmitsPods", () => {
  it("admits everything for 0.0.0.0/0 and ::/0", () => {
    expect(cidrAdmitsPods("0.0.0.0/0")).toBe(true);
    expect(cidrAdmitsPods("::/0")).toBe(true);
    expect(cidrIsAll("0.0.0.0/0")).toBe(true);
    expect(cidrIsAll("10.0.0.0/8")).toBe(false);
  });

  it("cannot decide for ranges that may hold pod IPs", () => {
    expect(cidrAdmitsPods("10.244.0.0/16")).toBe("maybe");
    expect(cidrAdmitsPods("172.20.1.5/32")).toBe("maybe");
    expect(cidrAdmitsPods("100.64.0.0/16")).toBe("maybe");
    expect(cidrAdmitsPods("8.0.0.0/5")).toBe("maybe"); // wider than 10.0.0.0/8, contains it
    expect(cidrAdmitsPods("fd00::/8")).toBe("maybe");
  });

  it("does not admit pods from public ranges", () => {
    expect(cidrAdmitsPods("203.0.113.0/24")).toBe(false);
    expect(cidrAdmitsPods("52.94.76.10/32")).toBe(false);
    expect(cidrAdmitsPods("11.0.0.0/8")).toBe(false);
  });
});
