export { podTemplate, parseImage, isWorkload, type PodTemplate, type Container, type Volume } from "./pod-template.js";
export { matchesSelector, matchesServiceSelector, type LabelSelector } from "./label-selector.js";
export { findIngressControllers, type IngressController, type ControllerFamily, type ControllerSelectorOption } from "./ingress-controllers.js";
export { parseControllerVersion, formatControllerVersion, type ControllerVersion } from "./controller-version.js";
