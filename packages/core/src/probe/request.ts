import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { TLSSocket, PeerCertificate } from "node:tls";
import type { ProbeTarget } from "./probe-target.js";

export interface RawAnswer {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
  peerCertificate?: PeerCertificate;
}

const MAX_BODY = 64 * 1024;

/**
 * One request to 127.0.0.1:<port> that presents itself as `target.host`: the Host header for
 * HTTP, and SNI too for HTTPS. Certificate checks happen afterwards (probe-route.ts) so that a
 * wrong certificate is reported as such instead of as a connection error.
 */
export function sendRequest(target: ProbeTarget, timeoutMs: number, signal?: AbortSignal): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const options = {
      host: "127.0.0.1",
      port: target.port,
      path: target.path,
      method: "GET",
      headers: { host: target.host, "user-agent": "kubegate-probe", ...target.headers },
      timeout: timeoutMs,
      ...(signal ? { signal } : {}),
      agent: false as const,
    };
    const onResponse = (res: IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      const peerCertificate = target.tls ? (res.socket as TLSSocket).getPeerCertificate?.(false) : undefined;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY) chunks.push(chunk);
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ...(peerCertificate && Object.keys(peerCertificate).length ? { peerCertificate } : {}) }));
      res.on("error", reject);
    };
    const req = target.tls
      ? httpsRequest({ ...options, servername: isIp(target.host) ? undefined : target.host, rejectUnauthorized: false }, onResponse)
      : httpRequest(options, onResponse);
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

const isIp = (host: string): boolean => /^[\d.]+$/.test(host) || host.includes(":");
