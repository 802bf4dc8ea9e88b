import type { LocatedObject } from "../load/to-objects.js";

/**
 * One values source of a release, in the order Helm merges them (later wins). Files are the
 * common case; helmfile releases may also carry inline maps, which are written to a temp file
 * when rendering.
 */
export type ValuesSource =
  | { kind: "file"; /** absolute path */ path: string; /** path relative to the platform root ("/"-separated): identity across base and head */ key: string; /** how messages show it */ shown: string }
  | { kind: "inline"; values: Record<string, unknown>; /** e.g. "helmfile.yaml releases[2].values[1]" */ key: string; shown: string };

/** A Helm release as kubegate renders it: `helm template <name> <chart> -n <namespace> -f ... --set-json ...`. */
export interface Release {
  name: string;
  namespace: string;
  /** Absolute path of a chart folder or a packaged chart (.tgz). */
  chart: string;
  /** The chart as messages show it (relative to the platform root when inside it). */
  chartShown: string;
  /** Chart path relative to the platform root ("/"-separated), for template paths in findings. */
  chartKey: string;
  values: ValuesSource[];
  /** `--set-json key=<json>` values, applied after the values files (Helm's order). */
  set: Record<string, unknown>;
  /** Where the release is declared (kubegate.yaml or helmfile.yaml) and at which line. */
  declaredIn: { file: string; line?: number };
}

/** The releases of one platform tree (one side of a change). */
export interface ReleaseSet {
  /** Absolute folder the release paths are relative to. */
  root: string;
  /** How messages show the root ("" when it is the current folder / repository root). */
  shownRoot: string;
  /** "kubegate.yaml" or "helmfile.yaml": where the list came from. */
  origin: string;
  releases: Release[];
}

export type RenderOutcome =
  | { ok: true; objects: LocatedObject[]; seconds: number }
  | { ok: false; error: string; /** last lines of helm's stderr */ stderrTail: string[]; seconds: number };

/** A release rendered on one side. */
export interface SideRender {
  release: Release;
  outcome: RenderOutcome;
}

/** A release by name, rendered on base and/or head (absent: the release does not exist on that side). */
export interface ReleaseRender {
  name: string;
  namespace: string;
  base?: SideRender;
  head?: SideRender;
}

/** A values file (or inline values block) whose content differs between base and head. */
export interface ValuesChange {
  /** Root-relative path ("/"-separated), the file's identity across sides. */
  key: string;
  shown: string;
  /** Dotted key paths that differ ("tls.source", "volumes[0].mountPath"). */
  changedKeys: string[];
  /** 1-based line of the first changed key in the head file, when it can be found. */
  line?: number;
  /** Releases that read this values source on either side. */
  releases: string[];
}

/** What rules get about Helm when the change was rendered from releases (`ctx.helm`). */
export interface HelmContext {
  releases: ReleaseRender[];
  valuesChanges: ValuesChange[];
  /** Parsed values by source key, per side, for naming the values keys behind a finding. */
  values: { base: ReadonlyMap<string, unknown>; head: ReadonlyMap<string, unknown> };
  /** Parsed default values (`values.yaml`) of each chart by chart key, per side. */
  chartDefaults: { base: ReadonlyMap<string, unknown>; head: ReadonlyMap<string, unknown> };
}

export function describeRelease(release: Release): string {
  const values = release.values.map((v) => v.shown);
  return `release ${release.name} (namespace ${release.namespace}, chart ${release.chartShown}${values.length ? `, values ${values.join(", ")}` : ""})`;
}
