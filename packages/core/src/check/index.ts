export { check, checkObjects, loadRuleSchemas, sourceOptions, type CheckOptions, type CheckResult, type SourcesReport } from "./check.js";
export { buildSides, type Sides, type SidesOptions } from "./build-sides.js";
