/** Library code never writes to the console: callers pass a logger (the CLI's writes to stderr). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };

/** Progress lines with elapsed time, for the CLI (stderr). */
export function streamLogger(stream: { write(s: string): unknown }, options: { verbose?: boolean; redact?: (s: string) => string } = {}): Logger {
  const started = Date.now();
  const redact = options.redact ?? ((s: string) => s);
  const line = (level: string, message: string) => stream.write(redact(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${level}${message}\n`));
  return {
    info: (m) => line("", m),
    warn: (m) => line("warning: ", m),
    debug: (m) => {
      if (options.verbose) line("debug: ", m);
    },
  };
}
