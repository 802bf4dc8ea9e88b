export { check, checkObjects, type CheckOptions, type CheckResult } from "./check.js";
export { buildSides, type Sides, type SidesOptions } from "./build-sides.js";
