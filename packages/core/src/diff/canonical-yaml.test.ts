import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { canonicalYaml } from "./canonical-yaml.js";

describe("canonicalYaml", () => {
  it("shows long and multi-line values exactly: never folded, read back equal", () => {
    const data = {
      long: `${"word ".repeat(60)}end`,
      script: "#!/bin/sh\nset -eu\n  indented line with trailing spaces  \n\nexec \"$@\"\n",
    };
    const text = canonicalYaml({ data });
    expect(text).toContain(`long: ${data.long}\n`);
    expect(text).toContain("    exec \"$@\"\n");
    expect(yaml.load(text)).toEqual({ data });
  });
});
