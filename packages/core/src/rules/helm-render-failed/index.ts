import { releaseManifest } from "../../helm/pseudo-manifest.js";
import type { Release, RenderOutcome } from "../../helm/releases.js";
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    id: "helm-render-failed",
    severity: "high",
    summary: "A Helm release renders on one side of the change but fails to render on the other.",
    incidents: ["004"],
    remediation:
      "Run the printed `helm template` for the release with the listed values files and fix the chart or the values; a release that does not render will not deploy, and its change cannot be checked.",
  },
  check({ helm, report }) {
    for (const render of helm?.releases ?? []) {
      const [b, h] = [render.base?.outcome, render.head?.outcome];
      // Failing on both sides is not the change's doing: the caller reports it as bad input.
      if (b && h && !b.ok && !h.ok) continue;
      if (h && !h.ok) {
        const side = b ? "renders at base but fails at head" : "is new at head and fails to render";
        report({ manifest: releaseManifest(render.head!.release), message: message(render.head!.release, side, h, "nothing of this release could be checked, and the deploy would fail") });
      } else if (b && !b.ok) {
        const side = h ? "failed to render at base and renders at head" : "failed to render at base and is removed at head";
        // Nothing of a release that never rendered was deployed from this configuration: worth a look, not a block.
        report({ manifest: releaseManifest(render.base!.release), severity: "warning", message: message(render.base!.release, side, b, h ? "its head objects are compared with nothing, so every one reads as new" : "the removal cannot be reviewed object by object") });
      }
    }
  },
});

function message(release: Release, side: string, outcome: Extract<RenderOutcome, { ok: false }>, consequence: string): string {
  const values = release.values.map((v) => v.shown);
  const tail = outcome.stderrTail.filter((l) => !l.includes(outcome.error)).slice(-3);
  const reproduce = ["helm template", release.name, release.chartShown, "-n", release.namespace, ...values.flatMap((v) => ["-f", v]), ...Object.keys(release.set).map((k) => `--set-json ${k}=...`)].join(" ");
  return (
    `release ${release.name} (namespace ${release.namespace}, chart ${release.chartShown}, values ${values.length ? values.join(", ") : "none"}) ${side}: ${outcome.error}` +
    `${tail.length ? ` (helm stderr: ${tail.join(" | ")})` : ""}; ${consequence}. Reproduce: ${reproduce}`
  );
}
