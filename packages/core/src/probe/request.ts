import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest, type RequestOptions as HttpsRequestOptions } from "node:https";
import { createSecureContext, type PeerCertificate, type SecureContext, type TLSSocket } from "node:tls";
import type { ProbeTarget } from "./probe-target.js";

export interface RawAnswer {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
  peerCertificate?: PeerCertificate;
}

const MAX_BODY = 64 * 1024;

/**
 * One TLS context for every probe: the certificate is judged afterwards (no CA here), and a new
 * context per request (Node's default without an agent) cost ~0.2 ms each, a thousand routes three times.
 */
let probeContext: SecureContext | undefined;
const sharedContext = (): SecureContext => (probeContext ??= createSecureContext({}));

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
      ? httpsRequest(tlsOptions(options, target.host), onResponse)
      : httpRequest(options, onResponse);
    req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** https.request passes these on to tls.connect, whose `secureContext` its RequestOptions type does not list. */
function tlsOptions(options: HttpsRequestOptions, host: string): HttpsRequestOptions {
  const tls: HttpsRequestOptions & { secureContext: SecureContext } = { ...options, servername: isIp(host) ? undefined : host, rejectUnauthorized: false, secureContext: sharedContext() };
  return tls;
}

const isIp = (host: string): boolean => /^[\d.]+$/.test(host) || host.includes(":");
