export type { Sandbox, SandboxExit, SandboxProcess, SandboxProcessSpec } from "./sandbox.js";
export { createSandbox, networkNamespaceOf, type CreateSandboxOptions } from "./create-sandbox.js";
export { detectUnshareMode, SandboxUnavailableError, type UnshareMode } from "./unshare-mode.js";
export { findRunProcesses, sandboxOwners, type RunProcess } from "./find-run-processes.js";
export { STANDIN_INTERFACE, RUN_ID_ARG, RUN_ID_ENV } from "./protocol.js";
