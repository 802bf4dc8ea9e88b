export { gate, type GateOptions, type GateResult } from "./gate.js";
