/**
 * The one reader of ingress controller versions from image tags, shared by the static rules
 * (which Traefik bugs apply, major steps) and staging (which Traefik build runs).
 */
export interface ControllerVersion {
  major: number;
  /** Undefined for floating tags like "v2": they follow the newest minor. */
  minor?: number;
  patch?: number;
}

/** "v2.4.7", "2.5", "1.7.9-alpine", "v2.11.0-rc1", "v2" -> numbers; "latest" and digests -> undefined. */
export function parseControllerVersion(tag: string | undefined): ControllerVersion | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(tag ?? "");
  if (!m) return undefined;
  return { major: Number(m[1]), ...(m[2] !== undefined ? { minor: Number(m[2]) } : {}), ...(m[3] !== undefined ? { patch: Number(m[3]) } : {}) };
}

/** "1.7.9", "2.4", "3" as written by the tag (without "v"). */
export function formatControllerVersion(v: ControllerVersion): string {
  return [v.major, v.minor, v.patch].filter((n) => n !== undefined).join(".");
}
