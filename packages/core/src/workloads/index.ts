export { podTemplate, parseImage, isWorkload, type PodTemplate, type Container, type Volume } from "./pod-template.js";
export { matchesSelector, matchesServiceSelector, type LabelSelector } from "./label-selector.js";
export { findIngressControllers, type IngressController, type ControllerFamily, type ControllerSelectorOption } from "./ingress-controllers.js";
export { serviceEndpoints, workloadNamespaces, servicePorts, serviceSelector, selectedWorkloads, portEndpoints, hasEndpoints, samePort, workloadLabel, type ServiceEndpoints, type PortEndpoints, type ServicePortSpec, type EndpointsOrigin, type SelectedWorkload } from "./service-endpoints.js";
export { parseControllerVersion, formatControllerVersion, type ControllerVersion } from "./controller-version.js";
