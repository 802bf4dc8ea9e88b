/**
 * Traefik's API and /ping, reached from the host through the sandbox's loopback forwards.
 */
import { request } from "node:http";

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function httpGet(port: number, path: string, options: { host?: string; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method: "GET", agent: false, timeout: timeoutMs, headers: options.host ? { host: options.host } : {} },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (body.length < 8 * 1024 * 1024) body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs}ms`)));
    req.on("error", reject);
    req.end();
  });
}

export interface TraefikRouter {
  name: string;
  provider?: string;
  status?: string;
  rule?: string;
  service?: string;
  entryPoints?: string[];
  error?: string[];
}

/** All routers of one kind ("http", "tcp", "udp"), following the API's pagination; `search` filters by name and rule. */
export async function listRouters(port: number, apiPath: string, kind: "http" | "tcp" | "udp", search?: string): Promise<TraefikRouter[]> {
  const routers: TraefikRouter[] = [];
  const filter = search ? `&search=${encodeURIComponent(search)}` : "";
  for (let page = 1; page < 1_000; ) {
    const answer = await httpGet(port, `${apiPath}/${kind}/routers?per_page=500&page=${page}${filter}`);
    if (answer.status !== 200) throw new Error(`GET ${apiPath}/${kind}/routers: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
    routers.push(...(JSON.parse(answer.body) as TraefikRouter[]));
    const next = Number(answer.headers["x-next-page"] ?? "1");
    if (!(next > page)) break;
    page = next;
  }
  return routers;
}

/** Routers that come from the cluster: providers kubernetes, kubernetescrd, kubernetesgateway... */
export function isKubernetesRouter(router: TraefikRouter): boolean {
  return (router.provider ?? router.name.split("@")[1] ?? "").toLowerCase().startsWith("kubernetes");
}
