import { describe, expect, it } from "vitest";
import { LineRing, LineSplitter } from "./line-ring.js";

describe("LineSplitter", () => {
  it("splits across chunks, drops CR, flushes the rest and cuts long lines", () => {
    const s = new LineSplitter(10);
    expect(s.push("a\r\nb")).toEqual(["a"]);
    expect(s.push("c\n\nd")).toEqual(["bc", ""]);
    expect(s.flush()).toEqual(["d"]);
    expect(s.push("x".repeat(25))).toEqual([`${"x".repeat(10)} [... cut]`]);
  });
});

describe("LineRing", () => {
  it("keeps the last lines in order", () => {
    const r = new LineRing(3);
    for (const l of ["1", "2", "3", "4", "5"]) r.push(l);
    expect(r.lines()).toEqual(["3", "4", "5"]);
    expect(r.lines(2)).toEqual(["4", "5"]);
    expect(r.text()).toBe("3\n4\n5");
    expect(r.count).toBe(5);
  });
});
