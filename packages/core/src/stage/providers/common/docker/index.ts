export { abortableStart, type AbortableStartOptions } from "./abortable-start.js";
export { demuxDockerLogs, labelledContainerLogs, runContainerLogs, tailLines, tailsOf } from "./container-logs.js";
export {
  applyNodeContainerSpec,
  finishCreateOptions,
  loopbackPortBindings,
  requestedCreateOptions,
  LOOPBACK,
  type BindMount,
  type NodeContainerSpec,
} from "./container-spec.js";
export { dockerStatus, noEngineReason, privilegedContainersRefused, probeDockerEngine, type DockerEngineInfo, type DockerProbe, type DockerStatus } from "./docker-engine.js";
export { loopbackServer, withServer } from "./kubeconfig-server.js";
export { LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_PROVIDER, LABEL_RUN_ID, runLabels } from "./labels.js";
export { listContainers, ownerAlive, removeContainers, removeRunContainers, type RunContainer } from "./run-containers.js";
