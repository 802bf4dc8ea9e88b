import smokeApplyRejected from "./smoke-apply-rejected/index.js";
import smokeControllerNotStaged from "./smoke-controller-not-staged/index.js";
import smokeRouteBroken from "./smoke-route-broken/index.js";
import smokeRouteRegressed from "./smoke-route-regressed/index.js";
import smokeTlsMismatch from "./smoke-tls-mismatch/index.js";
import smokeTlsUnproven from "./smoke-tls-unproven/index.js";
import type { StagedRule } from "./staged-rule.js";

/** Every staged rule, in report order. A convention test keeps this list equal to the rule folders. */
export const STAGED_RULES: readonly StagedRule[] = [smokeRouteRegressed, smokeRouteBroken, smokeTlsMismatch, smokeTlsUnproven, smokeApplyRejected, smokeControllerNotStaged];

export { defineStagedRule, runStagedRules, type StagedRule, type StagedEvidence, type RejectedObject, type UnstagedController } from "./staged-rule.js";
