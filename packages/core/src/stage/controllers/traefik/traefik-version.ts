/**
 * Which Traefik build runs a controller: the one whose major.minor matches the manifests' image
 * tag, otherwise the nearest one kubegate can build (same major first), with a note.
 */
import { TOOL_VERSIONS, type ToolName } from "../../tools/versions.js";

export type TraefikTool = Extract<ToolName, "traefik-v3" | "traefik-v2" | "traefik-v2.4">;

export const TRAEFIK_TOOLS: readonly TraefikTool[] = ["traefik-v3", "traefik-v2", "traefik-v2.4"];

export interface TraefikBuildChoice {
  tool: TraefikTool;
  /** Version that runs, without "v": "3.6.25". */
  version: string;
  major: number;
  /** Set when the version run is not the manifests' (different minor, or unknown tag). */
  note?: string;
  /** Set when the manifests' version cannot be staged at all (Traefik v1). */
  unsupported?: string;
}

export interface SemVer {
  major: number;
  minor: number;
  patch?: number;
}

/** "v2.4.7", "3.6", "2.11.0-rc1", "v3.6.15-alpine" -> numbers; "latest" and digests -> undefined. */
export function parseTraefikTag(tag: string | undefined): SemVer | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag ?? "");
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}) };
}

export function toolVersion(tool: TraefikTool): SemVer & { text: string } {
  const text = TOOL_VERSIONS[tool].version.replace(/^v/, "");
  const v = parseTraefikTag(text)!;
  return { ...v, text };
}

/**
 * Picks the build for an image tag among `tools` (default: every Traefik kubegate can build).
 * Same major.minor wins; otherwise the nearest minor of the same major (ties: the newer), and
 * with no build of that major, the newest build of the nearest major.
 */
export function chooseTraefikBuild(tag: string | undefined, tools: readonly TraefikTool[] = TRAEFIK_TOOLS): TraefikBuildChoice {
  if (tools.length === 0) throw new Error("no Traefik build to choose from");
  const builds = tools.map((tool) => ({ tool, v: toolVersion(tool) })).sort((a, b) => b.v.major - a.v.major || b.v.minor - a.v.minor);
  const wanted = parseTraefikTag(tag);
  const pick = (b: (typeof builds)[number], note?: string): TraefikBuildChoice => ({ tool: b.tool, version: b.v.text, major: b.v.major, ...(note ? { note } : {}) });
  if (!wanted) {
    const newest = builds[0]!;
    return pick(newest, `image tag ${JSON.stringify(tag ?? "")} names no version: staging runs Traefik ${newest.v.text}, the newest kubegate builds`);
  }
  const wantedText = `${wanted.major}.${wanted.minor}${wanted.patch !== undefined ? `.${wanted.patch}` : ""}`;
  if (wanted.major < 2) {
    return { ...pick(builds[builds.length - 1]!), unsupported: `Traefik ${wantedText} (v1) cannot be staged: kubegate builds Traefik v2 and v3 only` };
  }
  const exact = builds.find((b) => b.v.major === wanted.major && b.v.minor === wanted.minor);
  if (exact) {
    const samePatch = wanted.patch === undefined || wanted.patch === exact.v.patch;
    return pick(exact, samePatch ? undefined : `manifests run Traefik ${wantedText}; staging runs ${exact.v.text} (same minor, newest patch kubegate builds)`);
  }
  const sameMajor = builds.filter((b) => b.v.major === wanted.major);
  let chosen: (typeof builds)[number];
  if (sameMajor.length > 0) {
    chosen = sameMajor.reduce((best, b) => {
      const d = Math.abs(b.v.minor - wanted.minor);
      const bestD = Math.abs(best.v.minor - wanted.minor);
      return d < bestD || (d === bestD && b.v.minor > best.v.minor) ? b : best;
    });
  } else {
    const majors = [...new Set(builds.map((b) => b.v.major))].sort((a, b) => Math.abs(a - wanted.major) - Math.abs(b - wanted.major) || b - a);
    chosen = builds.find((b) => b.v.major === majors[0])!;
  }
  return pick(chosen, `manifests run Traefik ${wantedText}; kubegate has no ${wanted.major}.${wanted.minor} build, staging runs the nearest: ${chosen.v.text}`);
}
