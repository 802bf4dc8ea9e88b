/**
 * @kubegate/core: sources -> load -> normalize -> diff -> rules -> stage -> probe -> decide -> report.
 * One typed API for custom pipelines; the `kubegate` CLI is a thin layer over it. The Go tool
 * builder is `@kubegate/core/tools`, the CLI itself `@kubegate/core/cli`.
 */
export * from "./model/index.js";
export { loadManifests, parseSources, readSources, type LocatedObject, type ReadOptions, type SourceText } from "./load/index.js";
export { readPulumiPreview, kubeTypeOf, kubeKey, plainValue, type PulumiPreview, type KubeType } from "./load/pulumi-preview/index.js";
export { normalize, resourceKey, describeRef, canonicalGroup, ScopeIndex, type NormalizeOptions, type IgnoreDifference } from "./normalize/index.js";
export { diffSets, canonicalYaml, type DiffOptions } from "./diff/index.js";
export { maskPair, maskOne, SecretRegistry, MASK } from "./secrets/index.js";
export { RULES, findRule, defineRule, runRules, INCIDENTS, type Rule, type RuleMeta, type RuleContext, type RuleOptions } from "./rules/index.js";
export { check, checkObjects, loadRuleSchemas, buildSides, type CheckOptions, type CheckResult, type SourcesReport } from "./check/index.js";
export { decide, exitCodeFor, ruleEnabled, type DecisionResult } from "./decide/index.js";
export { loadConfig, parseConfig, type KubegateConfig } from "./config/index.js";
export { renderReport, jsonReport, textReport, markdownReport, sarifReport, REPORT_MARKER, GITHUB_BODY_LIMIT, type ReportFormat, type ReportInput } from "./report/index.js";
export { routeTable, routeLabel, type Route } from "./routes/index.js";
export { resolveSources, type CheckInput, type SourceRequest, type SourceOptions, type SourceUnit, type ResolvedSources } from "./sources/index.js";
export { findHelm, type Release, type ReleaseRender, type HelmContext } from "./helm/index.js";
export { probeRoute, probeAll, checkCertificate, type ProbeTarget, type ProbeResult } from "./probe/index.js";
export { gate, stageCheck, type GateOptions, type GateResult } from "./gate/index.js";
export { LocalProvider, type LocalStartedCluster } from "./stage/providers/local/index.js";
export { runCli, EXIT, type CliIo } from "./cli/index.js";
export { environmentSkip, NO_SKIP_SWITCH } from "./testing/environment-skip.js";
export { silentLogger, streamLogger, type Logger } from "./log/logger.js";
