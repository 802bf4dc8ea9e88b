import type { HelmContext } from "../helm/releases.js";
import { credentialValuesIn } from "./secret-leaves.js";
import type { SecretRegistry } from "./secret-registry.js";

/**
 * Helm renders credentials from values into text masking by position cannot see (a ConfigMap
 * holding `config.yaml`, an `app.ini`): the redactor learns every credential of the values and
 * chart defaults of both sides, so reports remove them wherever they were rendered.
 */
export function registerHelmValues(secrets: SecretRegistry, helm: HelmContext): void {
  for (const side of ["base", "head"] as const) {
    for (const tree of [...helm.values[side].values(), ...helm.chartDefaults[side].values()]) secrets.addAll(credentialValuesIn(tree));
  }
}
