/**
 * Last log lines of a run's containers, read through the Docker API (for StagingError reports and
 * collectLogs). Node containers run without a TTY, so Docker multiplexes stdout and stderr into
 * frames with an 8-byte header; demuxDockerLogs undoes that.
 */
import { dockerClient } from "./docker-engine.js";
import { LABEL_RUN_ID } from "./labels.js";

/** Frames: [stream(1), 0, 0, 0, size(4, big-endian)] + payload. A buffer that is not framed is returned as text. */
export function demuxDockerLogs(buffer: Buffer): string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const stream = buffer[offset];
    const size = buffer.readUInt32BE(offset + 4);
    if (stream === undefined || stream > 2 || buffer[offset + 1] !== 0 || buffer[offset + 2] !== 0 || buffer[offset + 3] !== 0 || offset + 8 + size > buffer.length) {
      return buffer.toString("utf8"); // a TTY stream: raw text
    }
    parts.push(buffer.subarray(offset + 8, offset + 8 + size));
    offset += 8 + size;
  }
  return Buffer.concat(parts).toString("utf8");
}

export function tailLines(text: string, lines: number): string {
  return text.split("\n").filter((l, i, all) => l !== "" || i < all.length - 1).slice(-lines).join("\n").trim();
}

/** Logs of every container of the run, by container name; best effort (an error becomes the text). */
export function runContainerLogs(runId: string, tail = 200): Promise<Record<string, string>> {
  return labelledContainerLogs(`${LABEL_RUN_ID}=${runId}`, tail);
}

/** Logs of every container with `label` (`key=value`), by container name; best effort. */
export async function labelledContainerLogs(label: string, tail = 200): Promise<Record<string, string>> {
  const logs: Record<string, string> = {};
  try {
    const { dockerode } = (await dockerClient()).container;
    const found = await dockerode.listContainers({ all: true, filters: { label: [label] } });
    for (const info of found) {
      const name = (info.Names[0] ?? info.Id).replace(/^\//, "");
      try {
        const raw = (await dockerode.getContainer(info.Id).logs({ stdout: true, stderr: true, tail, follow: false })) as unknown as Buffer;
        logs[name] = demuxDockerLogs(Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw)));
      } catch (err) {
        logs[name] = `(could not read logs: ${(err as Error).message})`;
      }
    }
  } catch (err) {
    logs["docker"] = `(could not list containers: ${(err as Error).message})`;
  }
  return logs;
}

/** "\n--- last lines of X ---\n..." for every non-empty log, as the local provider reports. */
export function tailsOf(logs: Record<string, string>, lines = 15): string {
  return Object.entries(logs)
    .map(([name, text]) => {
      const tail = tailLines(text, lines);
      return tail ? `\n--- last lines of ${name} ---\n${tail}` : "";
    })
    .join("");
}
