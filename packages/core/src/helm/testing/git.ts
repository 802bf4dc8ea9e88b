import { execFileSync } from "node:child_process";
import { tempDir, writeTree } from "./charts.js";

/** A throwaway git repository with one commit per file map; the first commit is also branch `base`. */
export async function gitRepo(commits: Array<Record<string, string>>): Promise<string> {
  const repo = await tempDir("kubegate-git-");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: repo, stdio: "pipe", env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" } });
  git("init", "--quiet", "--initial-branch=main");
  for (const [i, files] of commits.entries()) {
    await writeTree(repo, files);
    git("add", "-A");
    git("commit", "--quiet", "-m", `commit ${i}`);
    if (i === 0) git("branch", "base");
  }
  return repo;
}
