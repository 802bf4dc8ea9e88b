import { InputError } from "../model/input-error.js";
import { LIMIT_FLAGS } from "./limits.js";

/** Standard input as text, refused as soon as it passes `max` bytes (`< /dev/zero` must not fill memory). */
export async function readStdinLimited(max: number, stream: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> {
  if (stream.isTTY) throw new InputError([{ file: "<stdin>", message: "'-' reads from standard input, but it is a terminal" }]);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > max) {
      (stream as { destroy?: () => void }).destroy?.();
      throw new InputError([{ file: "<stdin>", message: `more than ${(max / 1024 / 1024).toFixed(1)} MiB, over the limit (raise with ${LIMIT_FLAGS.maxFileBytes})` }]);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
