import { getOctokit } from "@actions/github";
import { GITHUB_BODY_LIMIT, REPORT_MARKER } from "@kubegate/core";

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface CommentTarget {
  owner: string;
  repo: string;
  issueNumber: number;
}

/** The fields of a pull_request event payload the comment needs. */
export interface PullRequestPayload {
  pull_request?: {
    number?: number;
    head?: { repo?: { full_name?: string } | null };
    base?: { repo?: { full_name?: string } };
  };
}

export type CommentOutcome =
  | { kind: "created" | "updated"; id: number; url: string }
  /** Nothing to comment on (push event, comment: false): not worth a notice. */
  | { kind: "skipped"; reason: string }
  /** A comment was wanted but cannot be posted: the job summary carries the report instead. */
  | { kind: "degraded"; reason: string };

export interface CommentRequest {
  enabled: boolean;
  token: string;
  eventName: string | undefined;
  payload: PullRequestPayload;
  repo: { owner: string; repo: string };
  body: string;
}

/** Where the sticky comment goes, or why there is none (forks get a read-only token). */
export function planComment(req: Omit<CommentRequest, "body">): { target: CommentTarget } | Exclude<CommentOutcome, { id: number }> {
  if (!req.enabled) return { kind: "skipped", reason: "comment: false" };
  const pr = req.payload.pull_request;
  if (!pr?.number) return { kind: "skipped", reason: `no pull request in this ${req.eventName ?? "local"} event: the report is in the job summary` };
  const headRepo = pr.head?.repo?.full_name;
  const baseRepo = pr.base?.repo?.full_name;
  if (req.eventName === "pull_request" && (!headRepo || headRepo !== baseRepo)) {
    return {
      kind: "degraded",
      reason: `this pull request comes from a fork (${headRepo ?? "a deleted repository"}), whose workflows get a read-only token: the kubegate report is in the job summary instead of a PR comment`,
    };
  }
  if (!req.token) return { kind: "degraded", reason: "no github-token: the kubegate report is in the job summary instead of a PR comment" };
  return { target: { owner: req.repo.owner, repo: req.repo.repo, issueNumber: pr.number } };
}

/** A comment the action wrote: its body starts with the hidden marker (a quote of it does not). */
export function isReportComment(body: string | null | undefined): boolean {
  return (body ?? "").trimStart().startsWith(REPORT_MARKER);
}

/**
 * Keeps a body under GitHub's limit. markdownReport already fits; this guards what is added to it.
 * Cuts at a line, closes an open code fence, and says so.
 */
export function fitBody(body: string, limit: number = GITHUB_BODY_LIMIT): string {
  if (body.length <= limit) return body;
  const note = "\n\n> **Cut to stay under GitHub's comment size limit.** The job summary and the JSON report (output `report-path`) have everything.\n";
  const room = limit - note.length - 4; // 4: a closing fence
  let cut = body.slice(0, room);
  const lastNewline = cut.lastIndexOf("\n");
  if (lastNewline > 0) cut = cut.slice(0, lastNewline);
  const fences = (cut.match(/^```/gm) ?? []).length;
  return `${cut}${fences % 2 === 1 ? "\n```" : ""}${note}`;
}

/** Creates the sticky comment, or updates it when a comment with the marker exists (all pages searched). */
export async function upsertComment(client: GitHubClient, target: CommentTarget, body: string): Promise<CommentOutcome> {
  const { owner, repo, issueNumber } = target;
  const comments = await client.paginate(client.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
  const existing = comments.find((c) => isReportComment(c.body));
  const fitted = fitBody(body);
  if (existing) {
    const { data } = await client.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body: fitted });
    return { kind: "updated", id: data.id, url: data.html_url };
  }
  const { data } = await client.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body: fitted });
  return { kind: "created", id: data.id, url: data.html_url };
}

/** Posts or updates the sticky comment; never throws: any failure degrades to the job summary. */
export async function publishComment(req: CommentRequest, client: (token: string) => GitHubClient = (t) => getOctokit(t)): Promise<CommentOutcome> {
  const plan = planComment(req);
  if (!("target" in plan)) return plan;
  try {
    return await upsertComment(client(req.token), plan.target, req.body);
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const message = error instanceof Error ? error.message : String(error);
    if (status === 403) {
      return {
        kind: "degraded",
        reason: `the token cannot write pull request comments (HTTP 403: ${message}); grant \`permissions: pull-requests: write\`. The kubegate report is in the job summary instead.`,
      };
    }
    return { kind: "degraded", reason: `could not post the PR comment (${typeof status === "number" ? `HTTP ${status}: ` : ""}${message}); the kubegate report is in the job summary instead.` };
  }
}
