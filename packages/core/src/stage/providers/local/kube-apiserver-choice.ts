/**
 * Which pinned kube-apiserver a local cluster runs. Several Kubernetes minors are built from Go
 * modules (stage/tools/versions.ts); a staged run should look like its target cluster:
 * - a target version (--kube-version / kubeVersion): the pinned minor equal to it, else the oldest
 *   pinned minor above it (an API server a little newer still serves what the target serves,
 *   short of removals), else the newest pinned (a target newer than anything built);
 * - no target: the newest one already built, or the newest pinned when none is built yet.
 */
import { TOOL_VERSIONS, type ToolName } from "../../tools/versions.js";

export const KUBE_APISERVER_TOOLS = ["kube-apiserver", "kube-apiserver-1.34"] as const satisfies readonly ToolName[];
export type KubeApiServerTool = (typeof KUBE_APISERVER_TOOLS)[number];

export interface ApiServerChoice {
  tool: KubeApiServerTool;
  /** "v1.37.2" */
  version: string;
  /** Why it is not the version asked for, when it is not. */
  note?: string;
}

function minorOf(version: string): number {
  const m = /^v?1\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  if (!m) throw new Error(`bad Kubernetes version "${version}" (expected 1.34 or 1.34.2)`);
  return Number(m[1]);
}

/** The pinned API servers, newest first. */
function pinnedNewestFirst(): { tool: KubeApiServerTool; version: string; minor: number }[] {
  return KUBE_APISERVER_TOOLS.map((tool) => ({ tool, version: TOOL_VERSIONS[tool].version, minor: minorOf(TOOL_VERSIONS[tool].version) })).sort((a, b) => b.minor - a.minor);
}

export function chooseKubeApiServer(requested: string | undefined, isBuilt: (tool: KubeApiServerTool) => boolean): ApiServerChoice {
  const pinned = pinnedNewestFirst();
  const newest = pinned[0]!;
  if (requested === undefined || requested.trim() === "") {
    const built = pinned.find((p) => isBuilt(p.tool)) ?? newest;
    return { tool: built.tool, version: built.version };
  }
  const want = minorOf(requested);
  const exact = pinned.find((p) => p.minor === want);
  if (exact) return { tool: exact.tool, version: exact.version };
  const above = [...pinned].reverse().find((p) => p.minor > want);
  const chosen = above ?? newest;
  const pinnedList = pinned.map((p) => `1.${p.minor}`).join(", ");
  return { tool: chosen.tool, version: chosen.version, note: `Kubernetes ${requested} requested; kubegate builds ${pinnedList}: staging on ${chosen.version}` };
}
