export { readPulumiPreview, type PulumiPreview, type PreviewStep, type PreviewState } from "./read-pulumi-preview.js";
export { kubeTypeOf, type KubeType } from "./pulumi-type.js";
export { plainValue, kubeKey, SIG_KEY, SECRET_SIG, SECRET_PLACEHOLDER, UNKNOWN } from "./pulumi-values.js";
