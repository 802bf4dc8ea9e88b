const severity = { enum: ["info", "warning", "high", "critical"] };

/** JSON schema of kubegate.yaml, checked with ajv so a typo is an error, not a silent default. */
export const CONFIG_SCHEMA = {
  type: "object",
  additionalProperties: false,
  properties: {
    kubeVersion: { type: "string", pattern: "^v?1\\.\\d+(\\.\\d+)?$" },
    defaultNamespace: { type: "string", minLength: 1 },
    failOn: { enum: ["block", "warn"] },
    gate: { enum: ["changes", "everything"] },
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
    // Helm releases to render (src/helm): `helm template <name> <chart> -n <namespace> -f <values...>`.
    releases: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "chart"],
        properties: {
          // Helm's release-name rule: a DNS-1123 subdomain of at most 53 characters.
          name: { type: "string", maxLength: 53, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$" },
          namespace: { type: "string", maxLength: 63, pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
          // A chart folder or a packaged chart (.tgz), relative to kubegate.yaml; dependencies vendored in charts/.
          chart: { type: "string", minLength: 1 },
          // Values files relative to kubegate.yaml, merged in order (later wins), like `helm -f a -f b`.
          values: { type: "array", items: { type: "string", minLength: 1 } },
          // `--set-json key=value` overrides, applied after the values files.
          set: { type: "object", propertyNames: { minLength: 1 }, additionalProperties: true },
        },
      },
    },
    // Chart repositories mapped to local folders (relative to kubegate.yaml): `repo/chart` renders `<folder>/chart`.
    chartRepos: { type: "object", propertyNames: { minLength: 1 }, additionalProperties: { type: "string", minLength: 1 } },
    // Explicit smoke checks (httpbb-like), probed at base, head and after the controller restarts.
    checks: {
      type: "array",
      items: {
        type: "object",
        additionalProperties: false,
        required: ["name", "host"],
        properties: {
          name: { type: "string", minLength: 1 },
          host: { type: "string", minLength: 1 },
          path: { type: "string", pattern: "^/" },
          tls: { type: "boolean" },
          entrypoint: { type: "string" },
          headers: { type: "object", additionalProperties: { type: "string" } },
          status: { type: "integer", minimum: 100, maximum: 599 },
          service: { type: "string", pattern: "^[a-z0-9-]+/[a-z0-9.-]+$" },
          responseHeaders: { type: "object", additionalProperties: { type: "string" } },
        },
      },
    },
    stage: {},
  },
} as const;
