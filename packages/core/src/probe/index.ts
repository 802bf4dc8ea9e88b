export { probeRoute, type ProbeOptions } from "./probe-route.js";
export { probeAll } from "./probe-all.js";
export { checkCertificate } from "./check-certificate.js";
export type { ProbeTarget, ProbeResult, ExpectedBackend, ServedCertificate } from "./probe-target.js";
