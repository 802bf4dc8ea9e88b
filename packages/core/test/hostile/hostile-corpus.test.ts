import { rmSync } from "node:fs";
import fc from "fast-check";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { checkObjects } from "../../src/check/check.js";
import { runCli } from "../../src/cli/run-cli.js";
import { parseSources } from "../../src/load/load-manifests.js";
import { formatProblem, InputError } from "../../src/model/input-error.js";
import { renderReport } from "../../src/report/render-report.js";
import { REPORT_FORMATS } from "../../src/report/report-input.js";
// @ts-expect-error plain JS shared with bench/hostile-corpus.mjs
import { badInputs } from "./bad-inputs.mjs";
// @ts-expect-error plain JS shared with bench/hostile-corpus.mjs
import { absoluteArgv, writeCase } from "./corpus-files.mjs";
// @ts-expect-error plain JS shared with bench/hostile-corpus.mjs
import { CREDENTIAL_KEYS, leaks, secretPlacements, STACK_TRACE } from "./placements.mjs";

interface Case {
  name: string;
  kind?: string;
  secret?: string;
  files?: Record<string, string>;
  special?: Record<string, string>;
  argv: string[];
  code?: number | number[];
  expectCode?: number;
  where?: RegExp;
  stdin?: string;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the CLI in-process on a case; a hang fails the case after 20 s instead of the whole suite. */
async function run(c: Case, argv: string[]): Promise<{ code: number; out: string }> {
  const { dir, close } = await writeCase(c);
  dirs.push(dir);
  let out = "";
  const sink = { write: (s: string) => ((out += s), true) };
  const io = { stdout: sink, stderr: sink, env: {}, cwd: dir, ...(c.stdin !== undefined ? { readStdin: async () => c.stdin! } : {}) };
  try {
    const code = await Promise.race([runCli(absoluteArgv(argv, dir), io), new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`hang: ${c.name}`)), 20_000))]);
    return { code, out };
  } finally {
    close();
  }
}

const placements: Case[] = secretPlacements();
const bad: Case[] = badInputs();

describe("hostile corpus: the corpus is as large as promised", () => {
  it("has at least 60 secret placements and 60 bad inputs", () => {
    expect(placements.length).toBeGreaterThanOrEqual(60);
    expect(bad.length).toBeGreaterThanOrEqual(60);
  });
});

describe("hostile corpus: no secret reaches any output, in any format, on any path", () => {
  for (const c of placements) {
    it(c.name, async () => {
      const commands = c.kind === "manifests" ? [...REPORT_FORMATS.map((f) => ["check", "--format", f]), ...["text", "json", "markdown"].map((f) => ["diff", "--format", f])] : REPORT_FORMATS.map((f) => ["check", "--format", f]);
      for (const command of commands) {
        const { code, out } = await run(c, [...command, ...c.argv]);
        expect(leaks(out, c.secret), `${c.name} / ${command.join(" ")}:\n${out}`).toBeUndefined();
        expect(out).not.toMatch(STACK_TRACE);
        if (c.expectCode !== undefined) expect(code).toBe(c.expectCode);
        else expect([0, 1], `${c.name} / ${command.join(" ")}:\n${out}`).toContain(code);
        if (c.where) expect(out).toMatch(c.where);
      }
    });
  }
});

describe("hostile corpus: bad input gets its promised exit code, names file and line, never a stack trace", () => {
  for (const c of bad) {
    it(c.name, async () => {
      const { code, out } = await run(c, c.argv);
      const expected = Array.isArray(c.code) ? c.code : [c.code];
      expect(expected, out).toContain(code);
      expect(out).toMatch(c.where!);
      expect(out).not.toMatch(STACK_TRACE);
      expect(out).not.toContain("internal error (failing closed)");
    });
  }
});

/** Random secrets: quotes, backslashes, YAML indicators, newlines, spaces, any script, around a random core. */
const secretArb = fc
  .tuple(
    fc.stringMatching(/^[A-Za-z0-9]{12,24}$/),
    fc.constantFrom("", "!", "*", "&", "- ", "'", '"', "#", "%", "@", "`", "|", ">", "? "),
    fc.array(fc.constantFrom("'", '"', "\\", ": ", " #", "\n", "  ", "\t", "é", "密", "\u00a0", "{", "}", "[", "]", ",", "\\n", "$"), { maxLength: 4 }),
    fc.stringMatching(/^[A-Za-z0-9]{8,16}$/),
  )
  .map(([core, lead, mid, tail]) => `${lead}${core}${mid.join("")}${tail}`);

const where = fc.constantFrom(
  ...CREDENTIAL_KEYS.map((key: string) => (s: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\ndata:\n  ${key}: ${JSON.stringify(s)}\n`),
  (s: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: x}\nstringData:\n  t: ${JSON.stringify(s)}\n`,
  (s: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: x}\nstringData:\n  t: ${s}\n`,
  (s: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: x}\nstringData:\n${yaml.dump({ t: s }, { lineWidth: 20 }).replace(/^/gm, "  ")}`,
  (s: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: x}\ndata:\n  t: ${Buffer.from(s).toString("base64")}\n`,
  (s: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a, namespace: x}\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env: [{name: DB_PASSWORD, value: ${JSON.stringify(s)}}]\n`,
);

/** Every output a check can produce: the four report formats, or the bad-input message. */
function everyOutput(base: string, head: string): string {
  const load = (text: string) => parseSources([{ file: "m.yaml", text, format: "yaml" }]);
  try {
    const result = checkObjects(load(base), load(head));
    return REPORT_FORMATS.map((f) => renderReport(result, f, { patches: true })).join("\n");
  } catch (error) {
    if (error instanceof InputError) return error.problems.map(formatProblem).join("\n");
    throw error;
  }
}

describe("hostile corpus: properties over random secrets and placements", () => {
  it("no random secret, in any spelling and any placement, reaches a report or an error", () => {
    fc.assert(
      fc.property(secretArb, secretArb, where, (before, after, place) => {
        const out = everyOutput(place(before), place(after));
        for (const s of [before, after]) {
          for (const piece of s.split(/[\s'"\\:#{}[\],$`|>?@%&*!-]+/).filter((p) => p.length >= 8)) expect(out).not.toContain(piece);
        }
      }),
      { numRuns: 150 },
    );
  });
});
