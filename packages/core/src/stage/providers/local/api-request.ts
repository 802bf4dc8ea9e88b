/**
 * Minimal HTTPS GET against the local API server with the admin client certificate, for the
 * readiness poll and /version: no client library start-up cost, and full control of timeouts.
 */
import { request } from "node:https";

export interface ApiTls {
  ca: string;
  cert: string;
  key: string;
}

export interface ApiAnswer {
  status: number;
  body: string;
}

export function apiGet(port: number, path: string, tls: ApiTls, timeoutMs = 5_000): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method: "GET", ca: tls.ca, cert: tls.cert, key: tls.key, agent: false, timeout: timeoutMs },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (body.length < 64 * 1024) body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET ${path} timed out after ${timeoutMs}ms`)));
    req.on("error", reject);
    req.end();
  });
}
