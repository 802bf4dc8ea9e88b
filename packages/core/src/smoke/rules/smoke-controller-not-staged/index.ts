import { defineStagedRule } from "../staged-rule.js";

export default defineStagedRule({
  meta: {
    id: "smoke-controller-not-staged",
    severity: "warning",
    summary: "The ingress controller the manifests declare cannot run in staging: its routes were not proven.",
    incidents: ["001"],
    remediation: "Treat the staged verdict as unproven for this controller: test the change against that controller elsewhere, or move to a controller kubegate stages (Traefik v2/v3). `kubegate gate --require-staging` makes this an error instead of a warning.",
  },
  judge({ unstaged }, report) {
    for (const u of unstaged) {
      report({
        resource: u.resource,
        message: `${u.controller}: not stageable here; its routes were not proven (${u.reason})${u.instead ? `; staging probed them through ${u.instead} instead` : ""}`,
        ...(u.file ? { file: u.file } : {}),
        ...(u.line ? { line: u.line } : {}),
      });
    }
  },
});
