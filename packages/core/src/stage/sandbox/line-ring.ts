/**
 * Output handling for sandboxed processes: the supervisor splits raw output into lines (so a
 * frame is one line and a crash report never shows half a line), the host keeps the last
 * lines in a ring for `logs()` and error reports. Part of the supervisor's closure.
 */

/** Splits text chunks into lines; over-long lines are cut so one bad writer cannot exhaust memory. */
export class LineSplitter {
  private partial = "";

  constructor(private readonly maxLineLength = 16 * 1024) {}

  push(text: string): string[] {
    const parts = (this.partial + text).split("\n");
    this.partial = parts.pop() ?? "";
    const lines = parts.map((l) => this.cut(l.endsWith("\r") ? l.slice(0, -1) : l));
    if (this.partial.length > this.maxLineLength) {
      lines.push(this.cut(this.partial));
      this.partial = "";
    }
    return lines;
  }

  /** The unterminated rest, when the stream ends. */
  flush(): string[] {
    const rest = this.partial;
    this.partial = "";
    return rest.length > 0 ? [this.cut(rest)] : [];
  }

  private cut(line: string): string {
    return line.length > this.maxLineLength ? `${line.slice(0, this.maxLineLength)} [... cut]` : line;
  }
}

/** The last `capacity` lines. */
export class LineRing {
  private readonly buffer: string[] = [];
  private next = 0;
  private total = 0;

  constructor(readonly capacity = 200) {}

  push(line: string): void {
    if (this.buffer.length < this.capacity) this.buffer.push(line);
    else this.buffer[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
    this.total++;
  }

  /** Lines seen so far, including those that fell out of the ring. */
  get count(): number {
    return this.total;
  }

  lines(last = this.capacity): string[] {
    const ordered = this.buffer.length < this.capacity ? this.buffer.slice() : [...this.buffer.slice(this.next), ...this.buffer.slice(0, this.next)];
    return last >= ordered.length ? ordered : ordered.slice(ordered.length - Math.max(0, last));
  }

  text(last?: number): string {
    return this.lines(last).join("\n");
  }
}
