import { InputError, type InputProblem } from "../model/input-error.js";
import { RULES } from "../rules/index.js";
import { STAGED_RULES } from "../smoke/rules/index.js";
import type { KubegateConfig } from "./config.js";

/** Every rule id kubegate knows: static and staged. */
export function knownRuleIds(): ReadonlySet<string> {
  return new Set([...RULES, ...STAGED_RULES].map((r) => r.meta.id));
}

/**
 * A misspelled rule id under `rules:` or in `acknowledge:` would silently do nothing (the rule
 * keeps its severity, the finding stays unacknowledged): it is bad input, located on its line.
 */
export function checkRuleIds(config: KubegateConfig, text: string, file: string, known: ReadonlySet<string> = knownRuleIds()): void {
  const problems: InputProblem[] = [];
  const lines = text.split("\n");
  const unknown = (id: string, where: string): void => {
    const line = lineOfRuleId(lines, id, where === "rules");
    problems.push({ file, ...(line ? { line } : {}), message: `${where === "rules" ? "rules" : "acknowledge"}: unknown rule id ${JSON.stringify(id)}${suggestion(id, known)} (\`kubegate rules\` lists them)` });
  };
  for (const id of Object.keys(config.rules ?? {})) if (!known.has(id)) unknown(id, "rules");
  for (const ack of config.acknowledge ?? []) if (!known.has(ack.rule)) unknown(ack.rule, "acknowledge");
  if (problems.length > 0) throw new InputError(problems);
}

function lineOfRuleId(lines: string[], id: string, asKey: boolean): number | undefined {
  const quoted = `["']?${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?`;
  const pattern = asKey ? new RegExp(`(^|[\\s{,])${quoted}\\s*:`) : new RegExp(`rule\\s*:\\s*${quoted}\\s*($|[,}#])`);
  const index = lines.findIndex((l) => pattern.test(l));
  return index < 0 ? undefined : index + 1;
}

/** "; did you mean crd-install?" for an id one or two edits away from a known one. */
function suggestion(id: string, known: ReadonlySet<string>): string {
  const near = [...known].find((k) => editDistance(k, id) <= 2);
  return near ? `; did you mean ${near}?` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
