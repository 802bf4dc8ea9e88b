import { vi } from "vitest";
import type { GitHubClient } from "../src/comment.js";

export interface FakeComment {
  id: number;
  body: string;
}

/** The slice of Octokit the comment code uses, recording what the action sent. */
export function fakeOctokit(existing: FakeComment[] = [], failure?: { status: number; message: string }) {
  const created: string[] = [];
  const updated: FakeComment[] = [];
  const fail = (): void => {
    if (failure) throw Object.assign(new Error(failure.message), { status: failure.status });
  };
  const client = {
    paginate: vi.fn(async (_method: unknown, _params: unknown) => {
      fail();
      return existing;
    }),
    rest: {
      issues: {
        listComments: vi.fn(),
        createComment: vi.fn(async (p: { body: string }) => {
          fail();
          created.push(p.body);
          return { data: { id: 1000, html_url: "https://github.com/acme/platform/pull/7#issuecomment-1000" } };
        }),
        updateComment: vi.fn(async (p: { comment_id: number; body: string }) => {
          fail();
          updated.push({ id: p.comment_id, body: p.body });
          return { data: { id: p.comment_id, html_url: `https://github.com/acme/platform/pull/7#issuecomment-${p.comment_id}` } };
        }),
      },
    },
  };
  return { client: client as unknown as GitHubClient, raw: client, created, updated };
}

/** A pull_request event payload; `fork` makes the head repository someone else's. */
export function prPayload(options: { fork?: boolean; baseSha?: string; headSha?: string } = {}) {
  return {
    pull_request: {
      number: 7,
      base: { sha: options.baseSha ?? "base-sha", repo: { full_name: "acme/platform" } },
      head: { sha: options.headSha ?? "head-sha", repo: { full_name: options.fork ? "someone/platform" : "acme/platform" } },
    },
  };
}
