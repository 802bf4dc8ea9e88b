import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { withGitRefs } from "./git-refs.js";
import { gitRepo } from "./testing/git.js";

const worktrees = (repo: string) => execFileSync("git", ["worktree", "list", "--porcelain"], { cwd: repo, encoding: "utf8" }).split("\n").filter((l) => l.startsWith("worktree ")).length;

describe("withGitRefs", () => {
  it("materializes each ref as a detached worktree (subfolders too) and removes them afterwards", async () => {
    const repo = await gitRepo([{ "platform/a.txt": "one\n" }, { "platform/a.txt": "two\n" }]);
    const seen: string[] = [];
    await withGitRefs(join(repo, "platform"), ["base", "HEAD"], async ([base, head]) => {
      seen.push(base!.dir, head!.dir);
      expect(readFileSync(join(base!.dir, "a.txt"), "utf8")).toBe("one\n");
      expect(readFileSync(join(head!.dir, "a.txt"), "utf8")).toBe("two\n");
      expect(base!.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(worktrees(repo)).toBe(3);
    });
    for (const dir of seen) expect(existsSync(dir)).toBe(false);
    expect(worktrees(repo)).toBe(1);
  });

  it("removes the worktrees when the work throws", async () => {
    const repo = await gitRepo([{ "a.txt": "one\n" }]);
    let dir = "";
    await expect(withGitRefs(repo, ["main"], async ([t]) => {
      dir = t!.dir;
      throw new Error("boom");
    })).rejects.toThrow("boom");
    expect(existsSync(dir)).toBe(false);
    expect(worktrees(repo)).toBe(1);
  });

  it("names refs that do not exist, before creating anything", async () => {
    const repo = await gitRepo([{ "a.txt": "one\n" }]);
    await expect(withGitRefs(repo, ["main", "no-such-branch"], async () => undefined)).rejects.toThrow(/git ref no-such-branch does not name a commit/);
    expect(worktrees(repo)).toBe(1);
  });
});

describe("withGitRefs on an untrusted repository", () => {
  it("runs none of its hooks and none of the filters its .gitattributes names", async () => {
    const repo = await gitRepo([{ "a.yaml": "one\n", ".gitattributes": "*.yaml filter=evil\n" }, { "a.yaml": "two\n", ".gitattributes": "*.yaml filter=evil\n" }]);
    const marker = join(repo, "..", `pwned-${Date.now()}`);
    const hook = join(repo, ".git", "hooks", "post-checkout");
    writeFileSync(hook, `#!/bin/sh\ntouch ${marker}-hook\n`);
    chmodSync(hook, 0o755);
    execFileSync("git", ["config", "filter.evil.smudge", `sh -c 'touch ${marker}-filter; cat'`], { cwd: repo });
    await withGitRefs(repo, ["base", "HEAD"], async ([base]) => {
      expect(readFileSync(join(base!.dir, "a.yaml"), "utf8")).toBe("one\n");
    });
    expect(existsSync(`${marker}-hook`)).toBe(false);
    expect(existsSync(`${marker}-filter`)).toBe(false);
  });
});
