export { planStandins, endpointObjects, routedServices, standinAddress, STANDIN_MANAGED_BY, type StandinPlan, type StandinService, type StandinPort, type StandinListener } from "./plan.js";
export { resolveTargetPort, servicePorts, type ServicePortSpec, type ResolvedTargetPort } from "./target-port.js";
export { startStandins, type StartedStandins, type StartStandinsOptions, type StandinHostCluster } from "./start-standins.js";
export { ECHO_READY_LINE, STANDIN_HEADER, type EchoAnswer, type EchoListener } from "./echo-protocol.js";
export { echoServerScript } from "./echo-entry.js";
