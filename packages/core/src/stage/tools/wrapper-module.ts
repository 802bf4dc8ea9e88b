/**
 * Pure go.mod reading/writing used to build a tool from a Go module whose own
 * go.mod cannot be used by `go install module@version` (it has replace/exclude
 * directives, often pointing at local paths such as ./staging/src/k8s.io/api).
 *
 * The wrapper is a throw-away main module that requires the tool's module and
 * re-states what the upstream main module would have applied:
 * - its `go` and `godebug` lines (they fix the binary's default GODEBUG settings),
 * - its replace directives that point at other modules (forks),
 * - its local-path replaces, turned into `X => X <version>`,
 * - its exclude directives.
 */

export interface ModuleVersion {
  readonly path: string;
  readonly version?: string;
}

export interface ReplaceDirective {
  readonly old: ModuleVersion;
  readonly new: ModuleVersion;
}

export interface ParsedGoMod {
  readonly module?: string;
  readonly goVersion?: string;
  /** godebug settings, `key=value`, in file order. */
  readonly godebug: readonly string[];
  /** require directives: module path -> version. */
  readonly requires: ReadonlyMap<string, string>;
  readonly replaces: readonly ReplaceDirective[];
  readonly excludes: readonly Required<ModuleVersion>[];
}

/** Strips a `//` comment (go.mod has no other comment form). */
function stripComment(line: string): string {
  const i = line.indexOf("//");
  return i === -1 ? line : line.slice(0, i);
}

function unquote(token: string): string {
  return token.length >= 2 && (token.startsWith('"') || token.startsWith("`"))
    ? token.slice(1, -1)
    : token;
}

/** Parses the directives of a go.mod file that matter for a wrapper module. */
export function parseGoMod(text: string): ParsedGoMod {
  let module: string | undefined;
  let goVersion: string | undefined;
  const godebug: string[] = [];
  const requires = new Map<string, string>();
  const replaces: ReplaceDirective[] = [];
  const excludes: Required<ModuleVersion>[] = [];

  const handle = (verb: string, args: string[], lineNo: number): void => {
    switch (verb) {
      case "module":
        module = args[0];
        break;
      case "go":
        goVersion = args[0];
        break;
      case "godebug":
        godebug.push(args.join(" "));
        break;
      case "require":
        if (args.length >= 2) requires.set(args[0]!, args[1]!);
        break;
      case "exclude":
        if (args.length >= 2) excludes.push({ path: args[0]!, version: args[1]! });
        break;
      case "replace": {
        const arrow = args.indexOf("=>");
        if (arrow < 1 || arrow > 2 || args.length - arrow - 1 < 1 || args.length - arrow - 1 > 2) {
          throw new Error(`go.mod line ${lineNo}: malformed replace: ${args.join(" ")}`);
        }
        const [oldPath, oldVersion] = args.slice(0, arrow);
        const [newPath, newVersion] = args.slice(arrow + 1);
        replaces.push({
          old: oldVersion === undefined ? { path: oldPath! } : { path: oldPath!, version: oldVersion },
          new: newVersion === undefined ? { path: newPath! } : { path: newPath!, version: newVersion },
        });
        break;
      }
      default:
        // toolchain, retract, tool, ignore: not relevant for a wrapper.
        break;
    }
  };

  let block: string | undefined;
  text.split(/\r?\n/).forEach((raw, idx) => {
    const tokens = stripComment(raw).trim().split(/\s+/).filter(Boolean).map(unquote);
    if (tokens.length === 0) return;
    if (block !== undefined) {
      if (tokens[0] === ")") block = undefined;
      else handle(block, tokens, idx + 1);
      return;
    }
    const [verb, ...rest] = tokens;
    if (rest.length === 1 && rest[0] === "(") block = verb;
    else handle(verb!, rest, idx + 1);
  });

  return {
    ...(module === undefined ? {} : { module }),
    ...(goVersion === undefined ? {} : { goVersion }),
    godebug,
    requires,
    replaces,
    excludes,
  };
}

/** True for a replacement that is a directory (./x, ../x, /x, C:\x), not a module. */
export function isLocalPath(path: string): boolean {
  return (
    path.startsWith("./") ||
    path.startsWith("../") ||
    path === "." ||
    path === ".." ||
    path.startsWith("/") ||
    /^[A-Za-z]:[\\/]/.test(path) ||
    path.startsWith(".\\") ||
    path.startsWith("..\\")
  );
}

/** Placeholder version used by k8s.io/kubernetes for its staging modules. */
function isPlaceholderVersion(version: string | undefined): boolean {
  return version === undefined || version === "v0.0.0";
}

export interface LocalReplacePolicy {
  /** Local replaces of modules with this prefix are pinned to `version`... */
  readonly modulePrefix: string;
  /** ...when upstream requires them at the placeholder v0.0.0 (or not at all). */
  readonly version: string;
}

/**
 * Turns the upstream replace directives into ones valid outside the upstream tree.
 * Returns the kept directives and the dropped local ones.
 */
export function wrapperReplaces(
  upstream: ParsedGoMod,
  localReplace?: LocalReplacePolicy,
): { kept: ReplaceDirective[]; dropped: ReplaceDirective[] } {
  const kept: ReplaceDirective[] = [];
  const dropped: ReplaceDirective[] = [];
  for (const r of upstream.replaces) {
    if (!isLocalPath(r.new.path)) {
      kept.push(r);
      continue;
    }
    const required = upstream.requires.get(r.old.path);
    if (!isPlaceholderVersion(required)) {
      kept.push({ old: r.old, new: { path: r.old.path, version: required! } });
    } else if (localReplace && r.old.path.startsWith(localReplace.modulePrefix)) {
      kept.push({ old: r.old, new: { path: r.old.path, version: localReplace.version } });
    } else {
      dropped.push(r);
    }
  }
  return { kept, dropped };
}

function formatModuleVersion(mv: ModuleVersion): string {
  return mv.version === undefined ? mv.path : `${mv.path} ${mv.version}`;
}

export function formatReplace(r: ReplaceDirective): string {
  return `${formatModuleVersion(r.old)} => ${formatModuleVersion(r.new)}`;
}

function block(verb: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`${verb} ${lines[0]}`, ""];
  return [`${verb} (`, ...lines.map((l) => `\t${l}`), ")", ""];
}

export interface WrapperOptions {
  /** Module path of the wrapper itself, e.g. kubegate.local/tools/kube-apiserver. */
  readonly wrapperModule: string;
  /** Upstream module and version to require. */
  readonly module: string;
  readonly version: string;
  readonly localReplace?: LocalReplacePolicy;
}

/** The text of the wrapper go.mod for `opts.module@opts.version`, given its go.mod. */
export function wrapperGoMod(
  upstreamGoMod: string,
  opts: WrapperOptions,
): { text: string; dropped: ReplaceDirective[] } {
  const upstream = parseGoMod(upstreamGoMod);
  if (upstream.module !== undefined && upstream.module !== opts.module) {
    throw new Error(`go.mod is for ${upstream.module}, expected ${opts.module}`);
  }
  const { kept, dropped } = wrapperReplaces(upstream, opts.localReplace);
  const lines: string[] = [
    `// Generated by kubegate to build ${opts.module}@${opts.version}; do not edit.`,
    `module ${opts.wrapperModule}`,
    "",
  ];
  if (upstream.goVersion !== undefined) lines.push(`go ${upstream.goVersion}`, "");
  lines.push(...block("godebug", upstream.godebug));
  lines.push(`require ${opts.module} ${opts.version}`, "");
  lines.push(...block("replace", kept.map(formatReplace)));
  lines.push(...block("exclude", upstream.excludes.map((e) => `${e.path} ${e.version}`)));
  return { text: lines.join("\n"), dropped };
}
