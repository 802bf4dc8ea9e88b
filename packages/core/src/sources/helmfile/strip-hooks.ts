/** A hooks block kubegate removed from a helmfile state file before helmfile read it. */
export interface SkippedHooks {
  /** 1-based line of the `hooks:` key. */
  line: number;
  /** Hook entries in the block (`- events: ...`). */
  count: number;
  /** Commands they would have run (as written, templates included). */
  commands: string[];
}

const HOOKS_KEY = /^(\s*)(- )?hooks\s*:(.*)$/;

/**
 * Removes every `hooks:` block of a helmfile state file (global and per-release; a pull request's
 * hooks are untrusted commands), leaving `hooks: []` so the YAML keeps its shape. Textual on
 * purpose: the file may be a Go template that is not YAML before helmfile renders it. helmfile
 * also runs with HELMFILE_DISABLE_HOOKS=true, so a hook this misses makes it fail, never run.
 */
export function stripHooks(text: string): { text: string; skipped: SkippedHooks[] } {
  const lines = text.split("\n");
  const out: string[] = [];
  const skipped: SkippedHooks[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = HOOKS_KEY.exec(lines[i]!);
    const rest = m?.[3]?.trim() ?? "";
    if (!m || rest === "[]") {
      out.push(lines[i]!);
      continue;
    }
    const keyIndent = m[1]!.length + (m[2] ? 2 : 0);
    out.push(`${m[1]}${m[2] ?? ""}hooks: []`);
    const block: string[] = rest && !rest.startsWith("#") ? [rest] : [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j]!;
      if (line.trim() === "") {
        block.push(line);
        continue;
      }
      const indent = line.length - line.trimStart().length;
      if (indent > keyIndent || (indent === keyIndent && line.trimStart().startsWith("- "))) block.push(line);
      else break;
    }
    skipped.push({ line: i + 1, count: block.filter((l) => /^\s*-\s/.test(l)).length || (block.length > 0 ? 1 : 0), commands: commandsOf(block) });
    i = j - 1;
  }
  return { text: out.join("\n"), skipped: skipped.filter((s) => s.count > 0) };
}

function commandsOf(block: string[]): string[] {
  return block.flatMap((l) => {
    const m = /^\s*(?:-\s+)?command\s*:\s*(.+?)\s*$/.exec(l);
    return m ? [m[1]!.replace(/^["']|["']$/g, "")] : [];
  });
}
