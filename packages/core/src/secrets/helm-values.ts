import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import type { HelmContext } from "../helm/releases.js";
import { credentialValuesIn } from "./secret-leaves.js";
import type { SecretRegistry } from "./secret-registry.js";

/**
 * Helm renders credentials from values into text masking by position cannot see (a ConfigMap
 * holding `config.yaml`, an `app.ini`): the redactor learns every credential of the values,
 * `set` values, chart defaults and subchart defaults of both sides, so reports remove them
 * wherever they were rendered.
 */
export function registerHelmValues(secrets: SecretRegistry, helm: HelmContext): void {
  for (const side of ["base", "head"] as const) {
    for (const tree of [...helm.values[side].values(), ...helm.chartDefaults[side].values()]) secrets.addAll(credentialValuesIn(tree));
  }
  const charts = new Set<string>();
  for (const render of helm.releases) {
    for (const side of [render.base, render.head]) {
      if (!side) continue;
      secrets.addAll(credentialValuesIn(side.release.set));
      charts.add(side.release.chart);
    }
  }
  for (const chart of charts) for (const tree of subchartDefaults(chart)) secrets.addAll(credentialValuesIn(tree));
}

/** `charts/<sub>/values.yaml` of an unpacked chart, a few levels down (packaged subcharts are not read). */
function subchartDefaults(chart: string, depth = 0): unknown[] {
  const dir = join(chart, "charts");
  let entries: string[];
  try {
    if (depth > 3 || !statSync(dir).isDirectory()) return [];
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: unknown[] = [];
  for (const name of entries.slice(0, 64)) {
    const sub = join(dir, name);
    try {
      if (!statSync(sub).isDirectory()) continue;
      const file = join(sub, "values.yaml");
      if (statSync(file, { throwIfNoEntry: false })?.isFile()) out.push(yaml.load(readFileSync(file, "utf8")));
    } catch {
      // An unreadable or invalid subchart values file: helm reports it; nothing to learn from it.
    }
    out.push(...subchartDefaults(sub, depth + 1));
  }
  return out;
}
