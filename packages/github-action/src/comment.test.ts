import { describe, expect, it, vi } from "vitest";

vi.mock("@actions/github", () => ({ getOctokit: vi.fn() }));

import { GITHUB_BODY_LIMIT, REPORT_MARKER } from "@kubegate/core";
import { fakeOctokit, prPayload } from "../test/fake-octokit.js";
import { fitBody, isReportComment, planComment, publishComment, upsertComment } from "./comment.js";

const target = { owner: "acme", repo: "platform", issueNumber: 7 };
const request = (over: Partial<Parameters<typeof publishComment>[0]> = {}) => ({
  enabled: true,
  token: "t",
  eventName: "pull_request",
  payload: prPayload(),
  repo: { owner: "acme", repo: "platform" },
  body: `${REPORT_MARKER}\nreport`,
  ...over,
});

/** A report far over the limit, with a code fence open where it would be cut. */
const huge = (): string => `${REPORT_MARKER}\n## kubegate: **BLOCK**\n\n\`\`\`diff\n${"+ line of a very long diff\n".repeat(5000)}\`\`\`\n`;

describe("fitBody", () => {
  it("leaves a body under the limit alone", () => {
    expect(fitBody("short")).toBe("short");
  });

  it("cuts a body over GitHub's 65,536 characters at a line, closes the fence and says so", () => {
    const out = fitBody(huge());
    expect(out.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(out.startsWith(REPORT_MARKER)).toBe(true);
    expect((out.match(/^```/gm) ?? []).length % 2).toBe(0);
    expect(out).toContain("Cut to stay under GitHub's comment size limit.");
  });
});

describe("upsertComment", () => {
  it("creates a comment when none carries the marker", async () => {
    const gh = fakeOctokit([{ id: 1, body: "nice" }]);
    expect(await upsertComment(gh.client, target, `${REPORT_MARKER}\nx`)).toEqual({ kind: "created", id: 1000, url: "https://github.com/acme/platform/pull/7#issuecomment-1000" });
    expect(gh.created).toEqual([`${REPORT_MARKER}\nx`]);
  });

  it("updates the comment with the marker", async () => {
    const gh = fakeOctokit([{ id: 1, body: "nice" }, { id: 2, body: `\n${REPORT_MARKER}\nold` }]);
    expect(await upsertComment(gh.client, target, `${REPORT_MARKER}\nnew`)).toMatchObject({ kind: "updated", id: 2 });
    expect(gh.updated).toEqual([{ id: 2, body: `${REPORT_MARKER}\nnew` }]);
  });

  it("truncates what it sends", async () => {
    const gh = fakeOctokit();
    await upsertComment(gh.client, target, huge());
    expect(gh.created[0]!.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
  });

  it("tells its own comments from quotes of them", () => {
    expect(isReportComment(`${REPORT_MARKER}\n## kubegate`)).toBe(true);
    expect(isReportComment(`> ${REPORT_MARKER}`)).toBe(false);
    expect(isReportComment(null)).toBe(false);
  });
});

describe("planComment / publishComment", () => {
  it("targets the pull request of the event", () => {
    expect(planComment(request())).toEqual({ target });
  });

  it("degrades for forks on pull_request, but comments on pull_request_target (write token)", () => {
    expect(planComment(request({ payload: prPayload({ fork: true }) }))).toMatchObject({ kind: "degraded", reason: expect.stringContaining("fork (someone/platform)") });
    expect(planComment(request({ payload: prPayload({ fork: true }), eventName: "pull_request_target" }))).toEqual({ target });
  });

  it("skips without a pull request, and degrades without a token", () => {
    expect(planComment(request({ eventName: "push", payload: {} }))).toMatchObject({ kind: "skipped" });
    expect(planComment(request({ enabled: false }))).toEqual({ kind: "skipped", reason: "comment: false" });
    expect(planComment(request({ token: "" }))).toMatchObject({ kind: "degraded", reason: expect.stringContaining("no github-token") });
  });

  it("never throws: 403 and other API failures degrade to the job summary", async () => {
    const forbidden = fakeOctokit([], { status: 403, message: "Resource not accessible by integration" });
    expect(await publishComment(request(), () => forbidden.client)).toMatchObject({
      kind: "degraded",
      reason: expect.stringMatching(/HTTP 403: Resource not accessible by integration.*pull-requests: write/),
    });
    const broken = fakeOctokit([], { status: 502, message: "Bad Gateway" });
    expect(await publishComment(request(), () => broken.client)).toMatchObject({ kind: "degraded", reason: expect.stringContaining("HTTP 502: Bad Gateway") });
  });
});
