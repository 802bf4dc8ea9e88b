/**
 * Where in a chart template a rendered object comes from, so findings and PR annotations point at
 * the `kind:` line of its document instead of line 1 of the file. Templates are not YAML until
 * rendered, so this reads lines: the n-th object of a kind rendered from a template maps to the
 * n-th literal `kind: <Kind>` line there (the last one when a range renders more objects than there
 * are such lines). A templated kind, or a packaged chart, keeps line 1.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export class TemplateLines {
  private readonly files = new Map<string, string[] | undefined>();
  private readonly seen = new Map<string, number>();

  constructor(private readonly chartDir: string) {}

  /** 1-based line of the next object of `kind` rendered from `helmSource` ("chart/templates/x.yaml"). */
  next(helmSource: string | undefined, kind: string): number {
    if (!helmSource || /\.(tgz|tar\.gz)$/.test(this.chartDir)) return 1;
    const key = `${helmSource}\0${kind}`;
    const ordinal = this.seen.get(key) ?? 0;
    this.seen.set(key, ordinal + 1);
    const lines = this.read(helmSource);
    if (!lines) return 1;
    const kindLine = new RegExp(`^kind:\\s*["']?${kind.replace(/[^A-Za-z0-9]/g, "")}["']?\\s*(#.*)?$`);
    const found: number[] = [];
    lines.forEach((line, i) => {
      if (kindLine.test(line)) found.push(i + 1);
    });
    return found.length === 0 ? 1 : found[Math.min(ordinal, found.length - 1)]!;
  }

  private read(helmSource: string): string[] | undefined {
    if (!this.files.has(helmSource)) {
      const rest = helmSource.split("/").slice(1).join("/");
      try {
        this.files.set(helmSource, readFileSync(join(this.chartDir, rest), "utf8").split("\n"));
      } catch {
        this.files.set(helmSource, undefined);
      }
    }
    return this.files.get(helmSource);
  }
}
