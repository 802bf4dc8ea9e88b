/**
 * Where Traefik's static configuration can name an ACME resolver and its storage file:
 * CLI flags, TRAEFIK_* environment variables and a static config file (TOML or YAML).
 * Traefik reads keys case-insensitively (`certificatesResolvers` = `certificatesresolvers`),
 * so every key is compared in lower case.
 */
export interface AcmeSetting {
  /** Resolver name in lower case; `acme` for Traefik v1's single ACME section. */
  resolver: string;
  /** The storage path as written; undefined means Traefik's default `acme.json` in the working dir. */
  storage?: string;
  /** Where it was read: "--certificatesresolvers.le.acme.storage", an env var name, a file. */
  source: string;
}

const V2_FLAG = /^certificatesresolvers\.([^.=]+)\.acme(?:\.([^=]+))?$/;
const V1_FLAG = /^acme(?:\.([^=]+))?$/;

/** Flags from `command` and `args`; a shell wrapper (`sh -c "traefik --x=y"`) is split on spaces. */
export function acmeFromArgs(argv: string[]): { settings: AcmeSetting[]; configFile?: string } {
  const settings: AcmeSetting[] = [];
  let configFile: string | undefined;
  for (const token of argv.flatMap((a) => a.split(/\s+/))) {
    const flag = /^--?([^=]+)(?:=(.*))?$/.exec(token.replace(/^["']|["']$/g, ""));
    if (!flag) continue;
    const key = flag[1]!.toLowerCase();
    const value = flag[2];
    if (key === "configfile" && value) configFile = value;
    const v2 = V2_FLAG.exec(key);
    if (v2) {
      settings.push({ resolver: v2[1]!, ...(v2[2] === "storage" && value ? { storage: value } : {}), source: `--${flag[1]}` });
      continue;
    }
    const v1 = V1_FLAG.exec(key);
    if (v1 && !(v1[1] === undefined && value === "false")) {
      settings.push({ resolver: "acme", ...(v1[1] === "storage" && value ? { storage: value } : {}), source: `--${flag[1]}` });
    }
  }
  return { settings, ...(configFile ? { configFile } : {}) };
}

const ENV = /^TRAEFIK_CERTIFICATESRESOLVERS_(.+?)_ACME(?:_(.+))?$/;

/** `TRAEFIK_CERTIFICATESRESOLVERS_<NAME>_ACME_STORAGE` and friends (Traefik v2+). */
export function acmeFromEnv(env: Array<{ name: string; value?: string }>): AcmeSetting[] {
  const settings: AcmeSetting[] = [];
  for (const { name, value } of env) {
    const m = ENV.exec(name.toUpperCase());
    if (!m) continue;
    settings.push({ resolver: m[1]!.toLowerCase(), ...(m[2] === "STORAGE" && value ? { storage: value } : {}), source: name });
  }
  return settings;
}

/** A parsed static config file: `certificatesResolvers.<name>.acme.storage`, or v1 `acme.storage`. */
export function acmeFromConfig(config: unknown, source: string): AcmeSetting[] {
  const settings: AcmeSetting[] = [];
  for (const [name, resolver] of Object.entries(asRecord(get(config, "certificatesresolvers")))) {
    const acme = get(resolver, "acme");
    if (acme === undefined) continue;
    const storage = get(acme, "storage");
    settings.push({ resolver: name.toLowerCase(), ...(typeof storage === "string" ? { storage } : {}), source });
  }
  const v1 = get(config, "acme");
  if (v1 !== undefined && v1 !== null && typeof v1 === "object") {
    const storage = get(v1, "storage");
    settings.push({ resolver: "acme", ...(typeof storage === "string" ? { storage } : {}), source });
  }
  return settings;
}

/** Case-insensitive property access. */
function get(object: unknown, key: string): unknown {
  const record = asRecord(object);
  const found = Object.keys(record).find((k) => k.toLowerCase() === key);
  return found === undefined ? undefined : record[found];
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
