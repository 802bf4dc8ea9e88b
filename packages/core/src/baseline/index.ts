export { judgeChange, type JudgedFindings } from "./judge-change.js";
export { classifyAgainstBase, resolvedFindings, renamesOf, findingResource } from "./match-findings.js";
export { steadyInput } from "./steady-state.js";
