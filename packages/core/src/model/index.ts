export type { KubeObject, ObjectMeta, ResourceRef, SourceLocation } from "./kube-object.js";
export type { Manifest, ManifestSet } from "./manifest.js";
export type { Change, ChangeOp, FieldChange } from "./change.js";
export { SEVERITIES, type Decision, type Finding, type Severity } from "./finding.js";
export { InputError, type InputProblem } from "./input-error.js";
export { failureText, type KubegateFailure } from "./failure.js";
