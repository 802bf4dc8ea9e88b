import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

/**
 * Dependencies of a chart that come from a chart repository and are not vendored in its charts/
 * folder. Argo CD and Flux fetch them (`helm dependency build`); kubegate works offline, so such a
 * chart is listed as unavailable rather than rendered without them.
 */
export function unvendoredDependencies(chartDir: string): string[] {
  const declared = [...dependenciesIn(join(chartDir, "Chart.yaml")), ...dependenciesIn(join(chartDir, "requirements.yaml"))];
  const vendored = existsSync(join(chartDir, "charts")) ? readdirSync(join(chartDir, "charts")) : [];
  return declared
    .filter((d) => !String(d.repository ?? "").startsWith("file://"))
    .map((d) => String(d.name ?? ""))
    .filter((name) => name && !vendored.some((entry) => entry === name || (entry.startsWith(`${name}-`) && entry.endsWith(".tgz"))));
}

function dependenciesIn(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  try {
    const value = yaml.load(readFileSync(file, "utf8")) as { dependencies?: unknown } | undefined;
    return Array.isArray(value?.dependencies) ? value.dependencies.filter((d): d is Record<string, unknown> => !!d && typeof d === "object") : [];
  } catch {
    return [];
  }
}

/**
 * Removes, in kubegate's copy of the repository, the dependencies `unvendoredDependencies` finds,
 * so helm renders the chart's own templates (a wrapper chart's Ingress, Certificate, extra objects):
 * what is visible offline is judged, and the note says the dependencies' objects are not.
 */
export function withoutUnvendored(chartDir: string, missing: readonly string[]): void {
  for (const name of ["Chart.yaml", "requirements.yaml"]) {
    const file = join(chartDir, name);
    if (!existsSync(file)) continue;
    const value = yaml.load(readFileSync(file, "utf8")) as { dependencies?: Array<{ name?: string }> } | undefined;
    if (!value || !Array.isArray(value.dependencies)) continue;
    value.dependencies = value.dependencies.filter((d) => !missing.includes(String(d?.name ?? "")));
    writeFileSync(file, yaml.dump(value));
  }
  for (const lock of ["Chart.lock", "requirements.lock"]) rmSync(join(chartDir, lock), { force: true });
}
