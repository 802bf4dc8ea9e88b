/**
 * TCP streams multiplexed over the supervisor's single stdin/stdout pipe, used the same way on
 * both ends: the host attaches the connections it accepts for `forward()`, the supervisor
 * attaches the connections it opens inside the namespace.
 *
 * Flow control is credit based: a side may have at most `windowBytes` of a stream's data
 * unacknowledged; the receiver acks bytes once its socket has handed them to the kernel. So a
 * slow reader pauses only its own stream's source, never the shared pipe or other streams.
 *
 * Part of the supervisor's closure: node builtins only.
 */
import type { Socket } from "node:net";
import { FrameType, encodeAck, encodeFrame, type Frame } from "./frame-codec.js";

interface StreamState {
  socket: Socket;
  /** Bytes sent to the other side that it has not acked yet. */
  unacked: number;
  /** Held paused until start() (the host waits for the inside connection to be opened). */
  started: boolean;
  /** The other side said the stream is gone: do not send a close frame back. */
  remoteClosed: boolean;
  /** Error that ended the stream locally, reported in the close frame. */
  error?: string;
}

export const DEFAULT_WINDOW_BYTES = 256 * 1024;

export class StreamMux {
  private readonly streams = new Map<number, StreamState>();

  constructor(
    private readonly send: (frame: Buffer) => void,
    private readonly windowBytes = DEFAULT_WINDOW_BYTES,
  ) {}

  get size(): number {
    return this.streams.size;
  }

  has(id: number): boolean {
    return this.streams.has(id);
  }

  /**
   * Takes over a socket (created with allowHalfOpen, so one direction can end while the other
   * still flows). With `started: false` it stays paused until start(id).
   */
  attach(id: number, socket: Socket, options: { started?: boolean } = {}): void {
    const state: StreamState = { socket, unacked: 0, started: options.started ?? true, remoteClosed: false };
    this.streams.set(id, state);
    if (!state.started) socket.pause();
    socket.on("data", (chunk: Buffer) => {
      if (state.remoteClosed) return;
      this.send(encodeFrame(FrameType.data, id, chunk));
      state.unacked += chunk.length;
      if (state.unacked >= this.windowBytes) socket.pause();
    });
    socket.on("end", () => {
      if (!state.remoteClosed) this.send(encodeFrame(FrameType.end, id));
    });
    socket.on("error", (err: Error) => {
      state.error ??= err.message || String(err);
    });
    socket.on("close", () => {
      if (this.streams.get(id) === state) this.streams.delete(id);
      if (!state.remoteClosed) this.send(encodeFrame(FrameType.close, id, state.error ?? ""));
    });
  }

  /** Lets a stream attached with `started: false` flow. */
  start(id: number): void {
    const state = this.streams.get(id);
    if (!state || state.started) return;
    state.started = true;
    if (state.unacked < this.windowBytes) state.socket.resume();
  }

  /** Handles a data/end/close/ack frame; returns false for other frame types. Unknown ids are ignored (already closed here). */
  handle(frame: Frame): boolean {
    switch (frame.type) {
      case FrameType.data: {
        const state = this.streams.get(frame.id);
        if (!state || state.socket.destroyed) return true;
        const length = frame.payload.length;
        state.socket.write(frame.payload, (err) => {
          if (!err && this.streams.get(frame.id) === state) this.send(encodeAck(frame.id, length));
        });
        return true;
      }
      case FrameType.end: {
        this.streams.get(frame.id)?.socket.end();
        return true;
      }
      case FrameType.close: {
        const state = this.streams.get(frame.id);
        if (!state) return true;
        state.remoteClosed = true;
        this.streams.delete(frame.id);
        const message = frame.payload.toString("utf8");
        if (message) {
          // An error on the other side (refused, reset): the local peer must see a reset too,
          // not a clean end-of-stream it could mistake for a complete response.
          reset(state.socket);
        } else {
          // Clean close: deliver what is still buffered, then release the socket.
          state.socket.end(() => state.socket.destroy());
          state.socket.resume();
        }
        return true;
      }
      case FrameType.ack: {
        const state = this.streams.get(frame.id);
        if (!state || frame.payload.length < 4) return true;
        state.unacked = Math.max(0, state.unacked - frame.payload.readUInt32BE(0));
        if (state.started && state.unacked < this.windowBytes && state.socket.isPaused()) state.socket.resume();
        return true;
      }
      default:
        return false;
    }
  }

  /** Destroys every stream without telling the other side (the pipe itself is going away). */
  destroyAll(): void {
    for (const [id, state] of this.streams) {
      state.remoteClosed = true;
      this.streams.delete(id);
      state.socket.destroy();
    }
  }
}

/** Closes with a TCP RST when the socket has a connection (or is making one), else just destroys it. */
function reset(socket: Socket): void {
  if (socket.destroyed) return;
  try {
    if (socket.readyState !== "closed") {
      socket.resetAndDestroy();
      return;
    }
  } catch {
    // no TCP handle to reset: fall through
  }
  socket.destroy();
}
