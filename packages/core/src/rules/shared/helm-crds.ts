import type { Manifest } from "../../model/manifest.js";

/**
 * Whether Helm installs this CRD from a chart's `crds/` folder (its `# Source:` is
 * `<chart>/crds/...`, also in subcharts). Helm installs such CRDs once and never upgrades or deletes
 * them (helm.sh/docs/chart_best_practices/custom_resource_definitions): `helm upgrade` and
 * `helm uninstall` leave them as they are, whatever the rendered change says.
 */
export function installedFromHelmCrdsFolder(crd: Manifest): boolean {
  return /(^|\/)crds\//.test(crd.source.helmSource ?? "");
}
