import { RULES } from "../../rules/index.js";
import { STAGED_RULES } from "../../smoke/rules/index.js";
import { INCIDENTS } from "../../rules/rule.js";
import { parse } from "../args.js";
import type { CliIo } from "../io.js";

export const RULES_USAGE = `kubegate rules [--format text|json]
  Lists every rule with its id, severity, summary, incidents and remediation: the static rules,
  then the staged ones (judged from what \`kubegate gate --stage\` observed; "staged": true in JSON).`;

export async function rulesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { format: { type: "string" } });
  const rows = [...RULES.map((r) => ({ ...r.meta, staged: false })), ...STAGED_RULES.map((r) => ({ ...r.meta, staged: true }))].map((r) => ({ ...r, incidents: r.incidents.map((i) => INCIDENTS[i]) }));
  if (values.format === "json") io.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  else for (const r of rows) io.stdout.write(`${r.id.padEnd(34)} ${r.severity.padEnd(8)} ${r.staged ? "(staged) " : ""}${r.summary}\n${" ".repeat(44)}incidents: ${r.incidents.join(", ")}\n`);
  return 0;
}
