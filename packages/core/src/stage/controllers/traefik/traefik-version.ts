/**
 * Which Traefik build runs a controller: the exact version of the manifests' image tag when
 * kubegate has that build (pinned, or built before with `build-tools-cli traefik-v3@v3.6.15`),
 * otherwise the nearest one it pins (same major.minor first), with a note saying so.
 */
import { existsSync } from "node:fs";
import { toolPath } from "../../tools/build-tool.js";
import { TOOL_VERSIONS, type ToolName } from "../../tools/versions.js";
import { formatControllerVersion, parseControllerVersion, type ControllerVersion } from "../../../workloads/controller-version.js";

export type TraefikTool = Extract<ToolName, "traefik-v3" | "traefik-v2" | "traefik-v2.4">;

export const TRAEFIK_TOOLS: readonly TraefikTool[] = ["traefik-v3", "traefik-v2", "traefik-v2.4"];

export interface TraefikBuildChoice {
  tool: TraefikTool;
  /** Version that runs, without "v": "3.6.25". */
  version: string;
  major: number;
  /** Set when the version that runs is not the pinned one of `tool` (an exact build of the tag). */
  buildVersion?: string;
  /** Set when the version run is not the manifests' (different patch or minor, or unknown tag). */
  note?: string;
  /** Set when the manifests' version cannot be staged at all (Traefik v1). */
  unsupported?: string;
}

/** Whether `tool` at `version` ("v3.6.15") is built in the tools dir. */
export type BuiltCheck = (tool: TraefikTool, version: string) => boolean;

const builtInToolsDir: BuiltCheck = (tool, version) => existsSync(toolPath(tool, version));

interface Build {
  tool: TraefikTool;
  v: ControllerVersion & { minor: number; patch: number };
  text: string;
}

function pinned(tool: TraefikTool): Build {
  const text = TOOL_VERSIONS[tool].version.replace(/^v/, "");
  return { tool, v: parseControllerVersion(text) as Build["v"], text };
}

/**
 * Picks the build for an image tag among `tools` (default: every Traefik kubegate pins).
 * The exact version wins when it is built (`isBuilt`); otherwise same major.minor, then the
 * nearest minor of the same major (ties: the newer), and with no build of that major, the
 * newest build of the nearest major.
 */
export function chooseTraefikBuild(tag: string | undefined, tools: readonly TraefikTool[] = TRAEFIK_TOOLS, isBuilt: BuiltCheck = builtInToolsDir): TraefikBuildChoice {
  if (tools.length === 0) throw new Error("no Traefik build to choose from");
  const builds = tools.map(pinned).sort((a, b) => b.v.major - a.v.major || b.v.minor - a.v.minor);
  const wanted = parseControllerVersion(tag);
  const pick = (b: Build, note?: string): TraefikBuildChoice => ({ tool: b.tool, version: b.text, major: b.v.major, ...(note ? { note } : {}) });
  if (!wanted || wanted.minor === undefined) {
    const newest = (wanted && builds.find((b) => b.v.major === wanted.major)) || builds[0]!;
    return pick(newest, `image tag ${JSON.stringify(tag ?? "")} names no release: staging runs Traefik ${newest.text}, the newest kubegate builds${wanted ? ` of v${wanted.major}` : ""}`);
  }
  const wantedText = formatControllerVersion(wanted);
  if (wanted.major < 2) {
    return { ...pick(builds[builds.length - 1]!), unsupported: `Traefik ${wantedText} (v1) cannot be staged here: kubegate builds Traefik v2 and v3 only (v1 needs three Go modules the module proxy refuses: docker/leadership, thoas/stats, traefik-extra-service-fabric)` };
  }
  const sameMinor = builds.find((b) => b.v.major === wanted.major && b.v.minor === wanted.minor);
  if (sameMinor) {
    if (wanted.patch === undefined || wanted.patch === sameMinor.v.patch) return pick(sameMinor);
    if (isBuilt(sameMinor.tool, `v${wantedText}`)) return { tool: sameMinor.tool, version: wantedText, major: wanted.major, buildVersion: `v${wantedText}` };
    return pick(sameMinor, `manifests run Traefik ${wantedText}; staging runs ${sameMinor.text} (same minor; build the exact one with \`build-tools-cli ${sameMinor.tool}@v${wantedText}\`)`);
  }
  const sameMajor = builds.filter((b) => b.v.major === wanted.major);
  const exact = wanted.patch !== undefined ? sameMajor.find((b) => isBuilt(b.tool, `v${wantedText}`)) : undefined;
  if (exact) return { tool: exact.tool, version: wantedText, major: wanted.major, buildVersion: `v${wantedText}` };
  const chosen = sameMajor.length > 0 ? nearestMinor(sameMajor, wanted.minor) : nearestMajor(builds, wanted.major);
  return pick(chosen, `manifests run Traefik ${wantedText}; kubegate has no ${wanted.major}.${wanted.minor} build, staging runs the nearest: ${chosen.text}`);
}

function nearestMinor(builds: Build[], minor: number): Build {
  return builds.reduce((best, b) => {
    const d = Math.abs(b.v.minor - minor);
    const bestD = Math.abs(best.v.minor - minor);
    return d < bestD || (d === bestD && b.v.minor > best.v.minor) ? b : best;
  });
}

function nearestMajor(builds: Build[], major: number): Build {
  const majors = [...new Set(builds.map((b) => b.v.major))].sort((a, b) => Math.abs(a - major) - Math.abs(b - major) || b - a);
  return builds.find((b) => b.v.major === majors[0])!;
}
