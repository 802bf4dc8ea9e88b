/**
 * `kubegate check ... | head` closes stdout early: Node then emits EPIPE on the stream, which
 * unhandled becomes a stack trace and exit 1 (a "block" for what may be a pass). The reader has
 * gone, so the rest of the report is dropped quietly and the exit code stays the decision's.
 */
export function quietOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") return;
    throw error;
  });
}
