/**
 * The wire format between kubegate and its sandbox supervisor (over the supervisor's
 * stdin/stdout): `[type u8][id u32 BE][len u32 BE][payload]`.
 *
 * Binary rather than JSON lines because forwarded TCP streams carry arbitrary bytes that we
 * do not want to base64; control messages are JSON payloads inside frames. `id` says what a
 * frame is about: a request, a process handle or a stream, depending on the type.
 *
 * This file is part of the supervisor's closure (see supervisor-entry.ts): node builtins only.
 */

export const FrameType = {
  /** host -> supervisor: JSON control request; id = request id. */
  request: 1,
  /** supervisor -> host: JSON reply; id = the request's id. */
  reply: 2,
  /** supervisor -> host, once, when the namespace is set up: JSON Hello; id = 0. */
  hello: 3,
  /** supervisor -> host: one line of a process's combined output; id = process handle. */
  output: 4,
  /** supervisor -> host: JSON ExitEvent; id = process handle. */
  exit: 5,
  /** host -> supervisor: JSON OpenStream (connect to host:port inside); id = stream id. */
  open: 6,
  /** supervisor -> host: the stream's inside connection is established. */
  opened: 7,
  /** both ways: stream bytes. */
  data: 8,
  /** both ways: the sender's side half-closed (TCP FIN). */
  end: 9,
  /** both ways: the stream is gone; payload is an error message, empty for a clean close. */
  close: 10,
  /** both ways: u32 count of stream bytes the receiver has written out (flow-control credit). */
  ack: 11,
  /**
   * supervisor -> host: a connection arrived on a listener inside (see the "listen" request);
   * id = a new stream id chosen by the supervisor (>= INSIDE_STREAM_BASE), payload JSON Accepted.
   * The host connects to the listener's target and answers with `opened` (or `close` on failure).
   */
  accept: 12,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

const KNOWN_TYPES = new Set<number>(Object.values(FrameType));

export interface Frame {
  type: FrameType;
  id: number;
  payload: Buffer;
}

export const HEADER_BYTES = 9;
/** Far above any legitimate frame (stream chunks are <= 64 KiB): a bigger length means desync. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

export class FrameError extends Error {
  override name = "FrameError";
}

export function encodeFrame(type: FrameType, id: number, payload: Uint8Array | string = EMPTY): Buffer {
  const body = typeof payload === "string" ? Buffer.from(payload, "utf8") : payload;
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) throw new FrameError(`frame id out of range: ${id}`);
  if (body.length > MAX_PAYLOAD_BYTES) throw new FrameError(`frame payload too large: ${body.length} bytes`);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + body.length);
  frame.writeUInt8(type, 0);
  frame.writeUInt32BE(id, 1);
  frame.writeUInt32BE(body.length, 5);
  frame.set(body, HEADER_BYTES);
  return frame;
}

export function encodeJsonFrame(type: FrameType, id: number, value: unknown): Buffer {
  return encodeFrame(type, id, JSON.stringify(value));
}

export function encodeAck(id: number, bytes: number): Buffer {
  const payload = Buffer.allocUnsafe(4);
  payload.writeUInt32BE(bytes, 0);
  return encodeFrame(FrameType.ack, id, payload);
}

export function decodeJson<T>(frame: Frame): T {
  return JSON.parse(frame.payload.toString("utf8")) as T;
}

/**
 * Reassembles frames from arbitrary chunks of a byte stream. Chunks are only concatenated
 * once a whole frame is buffered, so a large frame arriving in many pieces costs one copy.
 * A malformed header throws FrameError: the stream is then unusable (no resync is attempted).
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private size = 0;

  /** Bytes received that do not form a complete frame yet. */
  get bufferedBytes(): number {
    return this.size;
  }

  push(chunk: Buffer): Frame[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.size += chunk.length;
    }
    const frames: Frame[] = [];
    while (this.size >= HEADER_BYTES) {
      const head = this.contiguous(HEADER_BYTES);
      const type = head.readUInt8(0);
      const id = head.readUInt32BE(1);
      const length = head.readUInt32BE(5);
      if (!KNOWN_TYPES.has(type)) throw new FrameError(`unknown frame type ${type}`);
      if (length > MAX_PAYLOAD_BYTES) throw new FrameError(`frame length ${length} exceeds ${MAX_PAYLOAD_BYTES}`);
      if (this.size < HEADER_BYTES + length) break;
      const whole = this.take(HEADER_BYTES + length);
      frames.push({ type: type as FrameType, id, payload: whole.subarray(HEADER_BYTES) });
    }
    return frames;
  }

  /** The first n buffered bytes as one buffer (merging chunks only when needed). */
  private contiguous(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    const merged = Buffer.concat(this.chunks, this.size);
    this.chunks = [merged];
    return merged;
  }

  private take(n: number): Buffer {
    const first = this.contiguous(n);
    const taken = first.subarray(0, n);
    const rest = first.subarray(n);
    if (rest.length > 0) this.chunks[0] = rest;
    else this.chunks.shift();
    this.size -= n;
    return taken;
  }
}
