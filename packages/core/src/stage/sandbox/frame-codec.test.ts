import { describe, expect, it } from "vitest";
import { FrameDecoder, FrameError, FrameType, HEADER_BYTES, MAX_PAYLOAD_BYTES, decodeJson, encodeAck, encodeFrame, encodeJsonFrame } from "./frame-codec.js";

describe("frame codec", () => {
  it("round-trips frames of every size, split at every byte boundary", () => {
    const frames = [
      encodeJsonFrame(FrameType.request, 1, { op: "ping" }),
      encodeFrame(FrameType.data, 0xffffffff, Buffer.from([0, 1, 2, 255])),
      encodeFrame(FrameType.end, 7),
      encodeFrame(FrameType.output, 3, "héllo ✓"),
      encodeAck(9, 65536),
    ];
    const wire = Buffer.concat(frames);
    for (let split = 0; split <= wire.length; split++) {
      const decoder = new FrameDecoder();
      const out = [...decoder.push(wire.subarray(0, split)), ...decoder.push(wire.subarray(split))];
      expect(out.map((f) => f.type)).toEqual([FrameType.request, FrameType.data, FrameType.end, FrameType.output, FrameType.ack]);
      expect(decodeJson(out[0]!)).toEqual({ op: "ping" });
      expect(out[1]!.id).toBe(0xffffffff);
      expect([...out[1]!.payload]).toEqual([0, 1, 2, 255]);
      expect(out[2]!.payload.length).toBe(0);
      expect(out[3]!.payload.toString("utf8")).toBe("héllo ✓");
      expect(out[4]!.payload.readUInt32BE(0)).toBe(65536);
      expect(decoder.bufferedBytes).toBe(0);
    }
  });

  it("reassembles a large frame fed one byte at a time and keeps the following bytes", () => {
    const big = Buffer.alloc(200_000, 7);
    const wire = Buffer.concat([encodeFrame(FrameType.data, 5, big), encodeFrame(FrameType.close, 5, "boom").subarray(0, 4)]);
    const decoder = new FrameDecoder();
    const out = [];
    for (let i = 0; i < wire.length; i += 1 + (i % 4096)) out.push(...decoder.push(wire.subarray(i, Math.min(wire.length, i + 1 + (i % 4096)))));
    expect(out).toHaveLength(1);
    expect(out[0]!.payload.equals(big)).toBe(true);
    expect(decoder.bufferedBytes).toBe(4);
  });

  it("uses a big-endian 9-byte header", () => {
    const frame = encodeFrame(FrameType.reply, 0x01020304, "ab");
    expect([...frame.subarray(0, HEADER_BYTES)]).toEqual([FrameType.reply, 1, 2, 3, 4, 0, 0, 0, 2]);
  });

  it("rejects unknown types, oversized lengths and bad ids", () => {
    expect(() => new FrameDecoder().push(Buffer.from([99, 0, 0, 0, 1, 0, 0, 0, 0]))).toThrow(FrameError);
    const huge = Buffer.alloc(HEADER_BYTES);
    huge.writeUInt8(FrameType.data, 0);
    huge.writeUInt32BE(MAX_PAYLOAD_BYTES + 1, 5);
    expect(() => new FrameDecoder().push(huge)).toThrow(/exceeds/);
    expect(() => encodeFrame(FrameType.data, -1)).toThrow(FrameError);
    expect(() => encodeFrame(FrameType.data, 2 ** 32)).toThrow(FrameError);
  });
});
