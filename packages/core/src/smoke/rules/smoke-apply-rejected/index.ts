import { defineStagedRule } from "../staged-rule.js";

export default defineStagedRule({
  meta: {
    id: "smoke-apply-rejected",
    severity: "high",
    summary: "The API server rejects an object of the change.",
    incidents: ["000"],
    remediation: "Fix the object so the API server accepts it (`kubectl apply --dry-run=server` shows the same error); the message quotes the API server.",
  },
  judge({ rejected }, report) {
    for (const r of rejected) {
      report({
        resource: r.resource,
        message: `the API server rejected it when applying ${r.stage}: ${r.message}`,
        ...(r.file ? { file: r.file } : {}),
        ...(r.line ? { line: r.line } : {}),
        // Already rejected at base: the change did not cause it.
        ...(r.stage === "base" ? { baseline: "unchanged" as const } : {}),
      });
    }
  },
});
