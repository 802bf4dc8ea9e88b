export { decide, ruleEnabled, exitCodeFor, sortFindings, type DecisionResult } from "./decide.js";
