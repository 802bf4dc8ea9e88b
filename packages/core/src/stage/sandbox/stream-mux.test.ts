/**
 * Two StreamMux ends wired back to back (frames passed in-process), with real loopback sockets
 * on each end: the flow-control window must bound what is in flight when a reader is slow.
 */
import { once } from "node:events";
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { FrameDecoder, FrameType } from "./frame-codec.js";
import { StreamMux } from "./stream-mux.js";

const servers: Server[] = [];
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) s.close();
});

/** A connected loopback pair: [the side we hand to a mux, the peer the test drives]. */
async function pair(): Promise<[Socket, Socket]> {
  const server = createServer({ allowHalfOpen: true });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  const accepted = once(server, "connection") as Promise<[Socket]>;
  const client = connect({ host: "127.0.0.1", port, allowHalfOpen: true });
  const [serverSide] = await accepted;
  await once(client, "connect");
  sockets.push(client, serverSide);
  return [serverSide, client];
}

function link(window: number): { a: StreamMux; b: StreamMux; maxInFlight: () => number } {
  let sent = 0;
  let acked = 0;
  let max = 0;
  const toB = new FrameDecoder();
  const toA = new FrameDecoder();
  // Delivery is deferred a tick, like a real pipe, so neither end re-enters the other.
  const a: StreamMux = new StreamMux((frame) => {
    for (const f of toB.push(frame)) {
      if (f.type === FrameType.data) {
        sent += f.payload.length;
        max = Math.max(max, sent - acked);
      }
      setImmediate(() => b.handle(f));
    }
  }, window);
  const b: StreamMux = new StreamMux((frame) => {
    for (const f of toA.push(frame)) {
      if (f.type === FrameType.ack) acked += f.payload.readUInt32BE(0);
      setImmediate(() => a.handle(f));
    }
  }, window);
  return { a, b, maxInFlight: () => max };
}

describe("StreamMux", () => {
  it("keeps at most one window in flight towards a slow reader, then delivers everything", async () => {
    const window = 64 * 1024;
    const { a, b, maxInFlight } = link(window);
    const [aSide, writer] = await pair();
    const [bSide, reader] = await pair();
    reader.pause(); // the slow reader: nothing is read until we say so
    a.attach(1, aSide);
    b.attach(1, bSide);

    const total = 32 * 1024 * 1024;
    const payload = Buffer.alloc(total, 0x5a);
    writer.end(payload);
    await new Promise((r) => setTimeout(r, 500));
    // Stalled: bounded by the window plus one read chunk, far below the total.
    expect(maxInFlight()).toBeLessThanOrEqual(window + 64 * 1024);

    let received = 0;
    reader.on("data", (d: Buffer) => (received += d.length));
    reader.resume();
    await once(reader, "end");
    expect(received).toBe(total);
    expect(maxInFlight()).toBeLessThanOrEqual(window + 64 * 1024);
  });

  it("passes a half-close through and keeps the other direction open", async () => {
    const { a, b } = link(256 * 1024);
    const [aSide, left] = await pair();
    const [bSide, right] = await pair();
    a.attach(1, aSide);
    b.attach(1, bSide);
    left.end("question");
    let got = "";
    right.setEncoding("utf8");
    right.on("data", (d: string) => (got += d));
    await once(right, "end");
    expect(got).toBe("question");
    right.end("answer");
    let back = "";
    left.setEncoding("utf8");
    left.on("data", (d: string) => (back += d));
    await once(left, "end");
    expect(back).toBe("answer");
  });

  it("turns an error close from the other side into a reset", async () => {
    const { a } = link(256 * 1024);
    const [aSide, peer] = await pair();
    a.attach(7, aSide);
    const closed = new Promise<string>((resolve) => {
      peer.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      peer.on("end", () => resolve("clean end"));
    });
    a.handle({ type: FrameType.close, id: 7, payload: Buffer.from("connect ECONNREFUSED 127.0.0.1:9") });
    expect(await closed).toBe("ECONNRESET");
    expect(a.has(7)).toBe(false);
  });
});
