import { DEFAULT_KUBE_VERSION } from "../rules/rule.js";

/** The Kubernetes version the rules judge against, and who chose it (every report says which). */
export interface TargetVersion {
  version: string;
  source: "--kube-version" | "kubegate.yaml" | "default";
}

/**
 * An explicit version wins; without one kubegate assumes its newest known target. That guess only
 * decides where the change adds the object: what base already had is judged `unchanged`.
 */
export function targetVersion(flag: string | undefined, config: string | undefined): TargetVersion {
  if (flag) return { version: flag.replace(/^v/, ""), source: "--kube-version" };
  if (config) return { version: config.replace(/^v/, ""), source: "kubegate.yaml" };
  return { version: DEFAULT_KUBE_VERSION, source: "default" };
}

export function describeTarget(target: TargetVersion): string {
  const why = target.source === "default" ? "kubegate's default; set kubeVersion in kubegate.yaml or --kube-version" : `from ${target.source}`;
  return `Kubernetes ${target.version} (${why})`;
}
