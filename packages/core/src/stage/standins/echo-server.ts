/**
 * The stand-in backend process (runs inside the sandbox under plain `node`): one HTTP listener
 * per (Service, target port), each answering any request with JSON naming the Service, so a
 * probe through the ingress controller shows where a route really lands.
 *
 *   node echo-server.js '<JSON listener list>'   or   node echo-server.js @<file with the JSON>
 *
 * Prints "kubegate-echo: listening on N address(es)" once every listener is up; exits 1 with
 * the failing address if one cannot listen. On SIGHUP it re-reads the refuse file
 * ($KUBEGATE_ECHO_REFUSE_FILE): listeners named there reset every connection, which is how
 * staging emulates a NetworkPolicy that cuts the controller off from that backend. Imports only `node:` modules and echo-protocol (the
 * closure that is transpiled when running from sources).
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type Socket } from "node:net";
import { ECHO_LISTENER_TLS_FILE_ENV, ECHO_READY_LINE, ECHO_REFUSE_FILE_ENV, ECHO_REFUSING_LINE, ECHO_SERVING_LINE, STANDIN_HEADER, type EchoAnswer, type EchoListener } from "./echo-protocol.js";

function main(): void {
  const arg = process.argv[2] ?? "[]";
  const listeners = JSON.parse(arg.startsWith("@") ? readFileSync(arg.slice(1), "utf8") : arg) as EchoListener[];
  let listening = 0;
  const ready = (): void => console.log(`${ECHO_READY_LINE} ${listening} address(es)`);
  // Controllers reach some backends over HTTPS (a port named https, port 443): each listener
  // answers TLS and plain HTTP on the same port, told apart by the first byte (0x16: handshake).
  const certFile = process.env.KUBEGATE_ECHO_TLS_CERT;
  const keyFile = process.env.KUBEGATE_ECHO_TLS_KEY;
  const tls = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  let refused = new Set<string>();
  const refuseFile = process.env[ECHO_REFUSE_FILE_ENV];
  // Open connections per listener: a refusal also ends kept-alive ones, so a policy takes effect
  // at once rather than when the controller's connection pool happens to recycle.
  const open = new Map<string, Set<Socket>>();
  // Listeners that serve a certificate of their own (pods that terminate TLS), swapped on SIGHUP.
  const own = new Map<string, ReturnType<typeof createHttpsServer>>();
  const listenerTlsFile = process.env[ECHO_LISTENER_TLS_FILE_ENV];
  const handlers = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();
  const loadListenerTls = (): void => {
    if (!listenerTlsFile) return;
    let entries: Record<string, { cert: string; key: string }>;
    try {
      entries = JSON.parse(readFileSync(listenerTlsFile, "utf8")) as Record<string, { cert: string; key: string }>;
    } catch {
      entries = {}; // not written yet: every listener serves the default certificate
    }
    for (const [key, material] of Object.entries(entries)) {
      const server = own.get(key);
      if (server) server.setSecureContext(material);
      else if (handlers.has(key)) own.set(key, createHttpsServer(material, handlers.get(key)));
    }
    for (const key of [...own.keys()]) if (!entries[key]) own.delete(key);
  };
  process.on("SIGHUP", () => {
    loadListenerTls();
    console.log(`${ECHO_SERVING_LINE} ${own.size} listener certificate(s)`);
    try {
      refused = new Set(refuseFile ? (JSON.parse(readFileSync(refuseFile, "utf8")) as string[]) : []);
    } catch (err) {
      console.log(`kubegate-echo: cannot read ${refuseFile}: ${(err as Error).message}`);
      return;
    }
    for (const key of refused) for (const socket of open.get(key) ?? []) socket.resetAndDestroy();
    console.log(`${ECHO_REFUSING_LINE} ${refused.size} listener(s)`);
  });
  for (const l of listeners) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      const answer: EchoAnswer = { namespace: l.namespace, service: l.service, port: l.port, path: req.url ?? "/", host: req.headers.host ?? "" };
      const body = JSON.stringify(answer);
      req.resume();
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        [STANDIN_HEADER]: `${l.namespace}/${l.service}:${l.port}`,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const http = createServer(handler);
    const https = tls ? createHttpsServer(tls, handler) : undefined;
    const key = `${l.address}:${l.port}`;
    handlers.set(key, handler);
    const sockets = new Set<Socket>();
    open.set(key, sockets);
    const server = createNetServer((socket) => {
      socket.on("error", () => undefined);
      if (refused.has(key)) {
        socket.resetAndDestroy();
        return;
      }
      sockets.add(socket);
      socket.once("close", () => sockets.delete(socket));
      socket.once("data", (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        const secure = own.get(key) ?? https;
        (secure && first[0] === 0x16 ? secure : http).emit("connection", socket);
        process.nextTick(() => socket.resume());
      });
      socket.on("error", () => socket.destroy());
    });
    server.on("error", (err: Error) => {
      console.log(`kubegate-echo: cannot listen on ${l.address}:${l.port} (${l.namespace}/${l.service}): ${err.message}`);
      process.exit(1);
    });
    server.listen(l.port, l.address, () => {
      if (++listening === listeners.length) ready();
    });
  }
  loadListenerTls();
  if (listeners.length === 0) ready();
  process.on("SIGTERM", () => process.exit(0));
  process.on("SIGINT", () => process.exit(0));
}

main();
