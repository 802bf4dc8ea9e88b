import type { KubegateConfig, Severity } from "@kubegate/core";
import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * One policy's configuration (Pulumi policy config, `pulumi preview --policy-pack-config`),
 * mapped onto kubegate.yaml: `enforcementLevel: disabled` is `rules: {<id>: off}`.
 */
export interface KubegatePolicyConfig {
  /** kubegate.yaml `rules: {<id>: <severity>}`; "info" only informs: nothing is reported. */
  severity?: Severity;
  /** kubegate.yaml `kubeVersion`: the target cluster for api-version-removed. */
  kubeVersion?: string;
  /** kubegate.yaml `acknowledge` entries of this rule: accepted findings are not reported. */
  acknowledge?: { kind?: string; namespace?: string; name?: string; reason: string }[];
}

export const CONFIG_SCHEMA: PolicyConfigSchema = {
  properties: {
    severity: { type: "string", enum: ["info", "warning", "high", "critical"] },
    kubeVersion: { type: "string", pattern: "^v?[0-9]+\\.[0-9]+$" },
    acknowledge: {
      type: "array",
      items: {
        type: "object",
        properties: { kind: { type: "string" }, namespace: { type: "string" }, name: { type: "string" }, reason: { type: "string" } },
        required: ["reason"],
      },
    },
  },
};

export function kubegateConfig(rule: string, config: KubegatePolicyConfig): KubegateConfig {
  return {
    ...(config.kubeVersion ? { kubeVersion: config.kubeVersion } : {}),
    ...(config.severity ? { rules: { [rule]: config.severity } } : {}),
    ...(config.acknowledge ? { acknowledge: config.acknowledge.map((a) => ({ rule, ...a })) } : {}),
  };
}
