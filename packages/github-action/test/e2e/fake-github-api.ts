import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: string;
}

export interface StoredComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

/**
 * The issue-comments slice of the GitHub REST API on 127.0.0.1, for the act test only: it records
 * every request, paginates with Link headers (per_page, page) like GitHub, and keeps comments.
 */
export async function startFakeGitHubApi(options: { token: string; comments?: StoredComment[] }) {
  const requests: RecordedRequest[] = [];
  const comments: StoredComment[] = [...(options.comments ?? [])];
  let nextId = 5000;

  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization, body });
      handle(req, res, body);
    });
  });

  const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(value));
  };
  const view = (c: StoredComment, owner: string, repo: string, issue: string) => ({
    ...c,
    html_url: `https://github.com/${owner}/${repo}/pull/${issue}#issuecomment-${c.id}`,
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: string): void {
    if (req.headers.authorization !== `token ${options.token}`) return json(res, 401, { message: "Bad credentials" });
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    let m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
    if (m && req.method === "GET") {
      const [, owner, repo, issue] = m as unknown as [string, string, string, string];
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      const slice = comments.slice((page - 1) * perPage, page * perPage).map((c) => view(c, owner, repo, issue));
      const last = Math.max(1, Math.ceil(comments.length / perPage));
      const link = (p: number): string => {
        const u = new URL(`http://${req.headers.host}${url.pathname}`);
        u.searchParams.set("per_page", String(perPage));
        u.searchParams.set("page", String(p));
        return u.toString();
      };
      const headers: Record<string, string> = page < last ? { link: `<${link(page + 1)}>; rel="next", <${link(last)}>; rel="last"` } : {};
      return json(res, 200, slice, headers);
    }
    if (m && req.method === "POST") {
      const [, owner, repo, issue] = m as unknown as [string, string, string, string];
      const comment = { id: nextId++, body: (JSON.parse(body) as { body: string }).body, user: { login: "github-actions[bot]", type: "Bot" } };
      comments.push(comment);
      return json(res, 201, view(comment, owner, repo, issue));
    }
    m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (m && req.method === "PATCH") {
      const [, owner, repo, id] = m as unknown as [string, string, string, string];
      const comment = comments.find((c) => c.id === Number(id));
      if (!comment) return json(res, 404, { message: "Not Found" });
      comment.body = (JSON.parse(body) as { body: string }).body;
      return json(res, 200, view(comment, owner, repo, "7"));
    }
    return json(res, 404, { message: `Not Found (fake API: ${req.method} ${url.pathname})` });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    comments,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
