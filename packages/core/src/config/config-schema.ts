const severity = { enum: ["info", "warning", "high", "critical"] };

/** JSON schema of kubegate.yaml, checked with ajv so a typo is an error, not a silent default. */
export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    kubeVersion: { type: "string", pattern: "^v?1\\.\\d+(\\.\\d+)?$" },
    defaultNamespace: { type: "string", minLength: 1 },
    failOn: { enum: ["block", "warn"] },
    rules: {
      type: "object",
      additionalProperties: {
        oneOf: [
          { enum: ["off", "info", "warning", "high", "critical"] },
          { type: "object", additionalProperties: false, properties: { severity, enabled: { type: "boolean" } } },
        ],
      },
    },
    acknowledge: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["rule", "reason"],
        properties: { rule: { type: "string" }, kind: { type: "string" }, namespace: { type: "string" }, name: { type: "string" }, reason: { type: "string", minLength: 1 } },
      },
    },
    ignoreDifferences: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["kind"],
        properties: {
          group: { type: "string" }, kind: { type: "string" }, name: { type: "string" }, namespace: { type: "string" },
          jsonPointers: { type: "array", items: { type: "string", pattern: "^/" } },
          paths: { type: "array", items: { type: "string" } },
        },
      },
    },
    ingressControllers: {
      type: "array",
      items: { type: "object", additionalProperties: false, required: ["name"], properties: { kind: { type: "string" }, namespace: { type: "string" }, name: { type: "string" } } },
    },
    // Sections owned by other parts of kubegate (Helm releases, smoke checks) are validated there.
    releases: {},
    checks: {},
    stage: {},
  },
} as const;
