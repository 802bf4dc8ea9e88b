export { gate, stageCheck, type GateOptions, type GateResult } from "./gate.js";
