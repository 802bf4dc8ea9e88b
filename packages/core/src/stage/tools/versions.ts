/**
 * The ONE place where kubegate pins the versions of the external tools it builds
 * from Go modules (see README.md in this folder for the recipes and timings).
 *
 * Every version below was checked to exist on the Go module proxy AND in the
 * checksum database (some tags, e.g. k8s.io/kubernetes v1.34.11/v1.34.12, are on
 * the proxy but not in sum.golang.org here, so `go` refuses them), and was
 * actually built with Go 1.26 on linux/amd64.
 */

/** Names of the tools kubegate knows how to build. */
export type ToolName =
  | "kube-apiserver"
  | "kube-apiserver-1.34"
  | "etcd"
  | "traefik-v3"
  | "traefik-v2"
  | "traefik-v2.4"
  | "helm"
  | "helm3"
  | "dyff"
  | "act"
  | "pulumi"
  | "pulumi-language-nodejs"
  | "pulumi-resource-kubernetes"
  | "helmfile"
  | "kustomize";

/**
 * How the throw-away wrapper module is made:
 * - "wrapper": a fresh module that requires `module@version`, copying the upstream
 *   go.mod's `go`/`godebug` lines and its non-local replace/exclude directives
 *   (local-path replaces are turned into versioned ones, see `localReplace`).
 * - "patched-source": the upstream module is copied out of the module cache and
 *   built as the main module, with `stubFiles` added and `extraGet` upgrades applied
 *   (for old releases whose module zip lacks generated code).
 */
export type ToolRecipe = "wrapper" | "patched-source";

export interface ToolSpec {
  /** Upstream release, as tagged (a Go module version). */
  readonly version: string;
  /** Go module that holds the main package. */
  readonly module: string;
  /** Import path of the main package to build. */
  readonly package: string;
  /** File name of the built binary inside `<toolsDir>/<name>-<version>/`. */
  readonly binary: string;
  readonly recipe: ToolRecipe;
  /**
   * Upstream local-path replaces (`X => ./staging/src/X`) of modules starting with
   * `modulePrefix` become `X => X <version>` when the upstream go.mod requires X at
   * the placeholder v0.0.0 (k8s staging). A local replace of a module that upstream
   * requires at a real version is pinned to that version; any other local replace is
   * dropped.
   */
  readonly localReplace?: { readonly modulePrefix: string; readonly version: string };
  /** `-X importpath.name=value` settings (the release's own version stamping). */
  readonly xflags: Readonly<Record<string, string>>;
  /** Extra linker flags (besides `-s -w` and the -X ones). */
  readonly extraLdflags?: readonly string[];
  /** Extra `module@version` given to `go get` in the wrapper (dependency upgrades). */
  readonly extraGet?: readonly string[];
  /**
   * Files of the downloaded module (path relative to its root) copied next to the binary,
   * executable, under the given name (scripts a tool runs from PATH).
   */
  readonly extraFiles?: Readonly<Record<string, string>>;
  /**
   * For "patched-source": a `go` command run in `dir` of the copied source before the build
   * (code generation that upstream's release does and the module zip lacks), with `env`.
   */
  readonly generate?: { readonly dir: string; readonly args: readonly string[]; readonly env?: Readonly<Record<string, string>> };
  /**
   * The module zip's `h1:` hash, for a version the checksum database reachable here lacks:
   * the module is fetched without asking it (GONOSUMDB for this module only) and must match.
   */
  readonly moduleSum?: string;
  /** For "patched-source": files (path relative to the module root) to add. */
  readonly stubFiles?: Readonly<Record<string, string>>;
  /** Arguments that print the version, and a string the output must contain. */
  readonly versionCheck: { readonly args: readonly string[]; readonly expect: string };
  /** Built by default by the build-tools CLI (what the tests need). */
  readonly default: boolean;
}

/** `-X` settings for the Kubernetes version packages (mirrors hack/lib/version.sh). */
function kubeVersionXflags(
  gitVersion: string,
  buildDate: string,
): Record<string, string> {
  const m = /^v(\d+)\.(\d+)\./.exec(gitVersion);
  if (!m) throw new Error(`bad kubernetes version ${gitVersion}`);
  const values: Record<string, string> = {
    gitVersion,
    gitMajor: m[1]!,
    gitMinor: m[2]!,
    // The module proxy does not tell the commit of a tag; left empty rather than
    // the "$Format:%H$" placeholder.
    gitCommit: "",
    gitTreeState: "clean",
    buildDate,
  };
  const out: Record<string, string> = {};
  for (const pkg of ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"]) {
    for (const [k, v] of Object.entries(values)) out[`${pkg}.${k}`] = v;
  }
  return out;
}

/** A kube-apiserver of one Kubernetes release, built from k8s.io/kubernetes (staging modules pinned to v0.<minor>.<patch>). */
function kubeApiServer(version: string, stagingVersion: string, buildDate: string): ToolSpec {
  return {
    version,
    module: "k8s.io/kubernetes",
    package: "k8s.io/kubernetes/cmd/kube-apiserver",
    binary: "kube-apiserver",
    recipe: "wrapper",
    localReplace: { modulePrefix: "k8s.io/", version: stagingVersion },
    xflags: kubeVersionXflags(version, buildDate),
    versionCheck: { args: ["--version"], expect: `Kubernetes ${version}` },
    default: true,
  };
}

export const TOOL_VERSIONS = {
  // The staging API server (local provider). Several minors are built; a run stages the one
  // nearest the target Kubernetes version (--kube-version / kubeVersion), by default the newest
  // built (stage/providers/local/kube-apiserver-choice.ts). buildDate = the tag's time from the
  // proxy's .info, so builds are reproducible.
  // v1.37.2: newest release on the proxy (a v1.38 beta is served too: not a release). Its 33
  // staging modules k8s.io/* are pinned to v0.37.2.
  "kube-apiserver": kubeApiServer("v1.37.2", "v0.37.2", "2026-10-27T12:01:04Z"),
  // v1.34.10, for older targets: newest v1.34 patch that the proxy AND sum.golang.org both serve
  // here (v1.34.11/v1.34.12 fail with "verifying go.mod: ... 404 Not Found").
  "kube-apiserver-1.34": kubeApiServer("v1.34.10", "v0.34.10", "2026-07-22T22:05:06Z"),
  // etcd 3.6 (the line Kubernetes 1.34 to 1.37 ship with; 3.6.17 is its newest patch on the
  // proxy). The etcd binary's main package is the root of the go.etcd.io/etcd/server/v3 module
  // (server/main.go). The version is a constant in go.etcd.io/etcd/api/v3/version; only GitSHA
  // is stamped. Its go.mod replaces the sibling etcd modules with ../ paths: they are pinned to
  // the versions it requires; its ./FORBIDDEN_DEPENDENCY guards are dropped.
  etcd: {
    version: "v3.6.17",
    module: "go.etcd.io/etcd/server/v3",
    package: "go.etcd.io/etcd/server/v3",
    binary: "etcd",
    recipe: "wrapper",
    xflags: { "go.etcd.io/etcd/api/v3/version.GitSHA": "v3.6.17" },
    versionCheck: { args: ["--version"], expect: "etcd Version: 3.6.17" },
    default: true,
  },
  // Newest v3.6 patch on the proxy (several intermediate patches are not served).
  // Upstream go.mod carries replaces (containous forks) and an exclude (tencentcloud)
  // that the wrapper copies. Stamping mirrors .goreleaser.yml (version without "v").
  "traefik-v3": {
    version: "v3.6.25",
    module: "github.com/traefik/traefik/v3",
    package: "github.com/traefik/traefik/v3/cmd/traefik",
    binary: "traefik",
    recipe: "wrapper",
    xflags: {
      "github.com/traefik/traefik/v3/pkg/version.Version": "3.6.25",
      "github.com/traefik/traefik/v3/pkg/version.Codename": "ramequin",
      "github.com/traefik/traefik/v3/pkg/version.BuildDate": "2026-07-31T08:34:05Z",
    },
    versionCheck: { args: ["version"], expect: "3.6.25" },
    default: true,
  },
  // Newest v2.11 (the last maintained v2 line) patch on the proxy.
  "traefik-v2": {
    version: "v2.11.54",
    module: "github.com/traefik/traefik/v2",
    package: "github.com/traefik/traefik/v2/cmd/traefik",
    binary: "traefik",
    recipe: "wrapper",
    xflags: {
      "github.com/traefik/traefik/v2/pkg/version.Version": "2.11.54",
      "github.com/traefik/traefik/v2/pkg/version.Codename": "mimolette",
      "github.com/traefik/traefik/v2/pkg/version.BuildDate": "2026-07-31T08:10:06Z",
    },
    versionCheck: { args: ["version"], expect: "2.11.54" },
    default: true,
  },
  // Old release kept for compatibility checks of its kubernetesCRD provider. Its
  // module zip lacks the go-bindata web UI package (autogen/genstatic, generated at
  // release time), so the module is copied and an empty stub added; its
  // json-iterator/reflect2 are too old for Go >= 1.18's runtime, so they are upgraded.
  "traefik-v2.4": {
    version: "v2.4.13",
    module: "github.com/traefik/traefik/v2",
    package: "github.com/traefik/traefik/v2/cmd/traefik",
    binary: "traefik",
    recipe: "patched-source",
    xflags: {
      "github.com/traefik/traefik/v2/pkg/version.Version": "2.4.13",
      "github.com/traefik/traefik/v2/pkg/version.Codename": "livarot",
      "github.com/traefik/traefik/v2/pkg/version.BuildDate": "2021-07-30T14:50:07Z",
    },
    extraGet: ["github.com/json-iterator/go@v1.1.12", "github.com/modern-go/reflect2@v1.0.2"],
    stubFiles: {
      "autogen/genstatic/gen.go": [
        "// Package genstatic is an empty stand-in for traefik's generated web UI assets",
        "// (kubegate never serves the dashboard).",
        "package genstatic",
        "",
        "import (",
        '\t"fmt"',
        '\t"os"',
        ")",
        "",
        "// Asset always fails: no web UI is embedded.",
        'func Asset(name string) ([]byte, error) { return nil, fmt.Errorf("asset %s not found", name) }',
        "",
        "// AssetInfo always fails: no web UI is embedded.",
        'func AssetInfo(name string) (os.FileInfo, error) { return nil, fmt.Errorf("asset %s not found", name) }',
        "",
        "// AssetDir always fails: no web UI is embedded.",
        'func AssetDir(name string) ([]string, error) { return nil, fmt.Errorf("asset dir %s not found", name) }',
        "",
        "",
      ].join("\n"),
    },
    versionCheck: { args: ["version"], expect: "2.4.13" },
    default: false,
  },
  // Helm 4, the default renderer: newest release on the proxy. Stamping mirrors helm's Makefile;
  // Helm 4 derives .Capabilities.KubeVersion from the client-go version in the binary's build
  // info (v0.37.2 => Kubernetes 1.37), so nothing else is stamped.
  helm: {
    version: "v4.3.2",
    module: "helm.sh/helm/v4",
    package: "helm.sh/helm/v4/cmd/helm",
    binary: "helm",
    recipe: "wrapper",
    xflags: {
      "helm.sh/helm/v4/internal/version.version": "v4.3.2",
      "helm.sh/helm/v4/internal/version.gitTreeState": "clean",
    },
    versionCheck: { args: ["version"], expect: 'Version:"v4.3.2"' },
    default: true,
  },
  // Helm 3 for users still on it ($KUBEGATE_HELM_VERSION=3): v3.21.4, the newest approved Helm 3
  // release (the proxy also serves v3.22.0, which is not one). Stamping mirrors its Makefile; the
  // k8sVersion* values come from its client-go (v0.36.2 => Kubernetes 1.36), which is what
  // `helm template` reports as .Capabilities.KubeVersion (the unstamped default is v1.20.0).
  helm3: {
    version: "v3.21.4",
    module: "helm.sh/helm/v3",
    package: "helm.sh/helm/v3/cmd/helm",
    binary: "helm",
    recipe: "wrapper",
    xflags: {
      "helm.sh/helm/v3/internal/version.version": "v3.21.4",
      "helm.sh/helm/v3/internal/version.gitTreeState": "clean",
      "helm.sh/helm/v3/pkg/chartutil.k8sVersionMajor": "1",
      "helm.sh/helm/v3/pkg/chartutil.k8sVersionMinor": "36",
      "helm.sh/helm/v3/pkg/lint/rules.k8sVersionMajor": "1",
      "helm.sh/helm/v3/pkg/lint/rules.k8sVersionMinor": "36",
    },
    versionCheck: { args: ["version"], expect: 'Version:"v3.21.4"' },
    default: true,
  },
  // Newest dyff release on the proxy.
  dyff: {
    version: "v1.12.0",
    module: "github.com/homeport/dyff",
    package: "github.com/homeport/dyff/cmd/dyff",
    binary: "dyff",
    recipe: "wrapper",
    xflags: { "github.com/homeport/dyff/internal/cmd.version": "1.12.0" },
    versionCheck: { args: ["version"], expect: "1.12.0" },
    default: false,
  },
  // nektos/act: runs GitHub workflows locally; the GitHub Action's end-to-end test runs it
  // in host mode (-P ubuntu-latest=-self-hosted: no Docker, no network). Newest release on
  // the proxy (go.mod: go 1.25.0, no replaces). The main package is the module root; the
  // version comes from the embedded VERSION file, so nothing is stamped.
  act: {
    version: "v0.2.89",
    module: "github.com/nektos/act",
    package: "github.com/nektos/act",
    binary: "act",
    recipe: "wrapper",
    xflags: {},
    versionCheck: { args: ["--version"], expect: "act version 0.2.89" },
    default: false,
  },
  // Pulumi CLI (engine), for the policy pack's and the preview reader's end-to-end tests.
  // v3.276.0: the newest release both `go get` and the checksum database accept here (v3.277.0
  // is listed but not served). Its Node.js language host is not buildable (its own module,
  // github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, is refused by the proxy
  // with 403 at every version): the CLI runs with the v3.68.0 host below, which it talks to
  // through its fallbacks for older hosts (Handshake, GetRequiredPackages: Unimplemented), and
  // runs the Node.js policy pack as an executable analyzer plugin (a path to an executable
  // file, supported by the CLI since v3.2xx), see packages/pulumi-policy/README.md.
  // Upstream go.mod replaces sdk/v3 with ../sdk: pinned to the v3.276.0 it requires. The
  // version is stamped in the sdk (`sdk/v3/go/common/version.Version`) since the CLI moved.
  pulumi: {
    version: "v3.276.0",
    module: "github.com/pulumi/pulumi/pkg/v3",
    package: "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi",
    binary: "pulumi",
    recipe: "wrapper",
    xflags: { "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version": "v3.276.0" },
    versionCheck: { args: ["version"], expect: "v3.276.0" },
    default: false,
  },
  // The Node.js language host of the same release: a wrapper module that requires
  // github.com/pulumi/pulumi/sdk/v3 v3.68.0 and builds its nodejs/cmd/pulumi-language-nodejs.
  // The analyzer script the v3.68 CLI looks for on PATH to run a Node.js policy pack
  // (`pulumi-analyzer-policy`: node .../@pulumi/pulumi/cmd/run-policy-pack) is a file of the
  // same module, copied next to the binary.
  "pulumi-language-nodejs": {
    version: "v3.68.0",
    module: "github.com/pulumi/pulumi/sdk/v3",
    package: "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs",
    binary: "pulumi-language-nodejs",
    recipe: "wrapper",
    xflags: { "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version": "v3.68.0" },
    extraFiles: { "pulumi-analyzer-policy": "nodejs/dist/pulumi-analyzer-policy" },
    // The host has no version flag (GetPluginInfo reports it over gRPC): -help proves it runs.
    versionCheck: { args: ["-help"], expect: "Use ts-node at runtime" },
    default: false,
  },
  // The Kubernetes provider (resource plugin) the example program deploys through.
  // provider/v4 is never tagged (releases tag the repository root and sdk/v4 only), so the
  // only versions of the module are pseudo-versions, and the proxy serves one that the
  // checksum database here lacks: main of 2026-01-15 (commit f47bc2d6f199, after v4.24.0),
  // fetched without the checksum database and checked against the hash pinned below.
  // Like upstream's Makefile (`make k8sprovider`) it is built in the copied source: go.mod's
  // `sdk/v4 => ../sdk` is pinned to the v4.24.0 it requires, then
  // cmd/pulumi-resource-kubernetes/generate.go writes the schema-embed.json and
  // terraform-mapping-embed.json that main.go embeds (VERSION = the schema's version).
  // Stamped like pulumictl would (next minor, alpha.<commit time>, +<commit>).
  "pulumi-resource-kubernetes": {
    version: "v4.0.0-20260115033456-f47bc2d6f199",
    module: "github.com/pulumi/pulumi-kubernetes/provider/v4",
    package: "github.com/pulumi/pulumi-kubernetes/provider/v4/cmd/pulumi-resource-kubernetes",
    binary: "pulumi-resource-kubernetes",
    recipe: "patched-source",
    moduleSum: "h1:j2bphCf7c2YhnBrhwht2f3TNRRgcMImltUlAgzxr9H4=",
    generate: { dir: "cmd/pulumi-resource-kubernetes", args: ["run", "-mod=mod", "generate.go"], env: { VERSION: "4.25.0-alpha.1768448096+f47bc2d6" } },
    xflags: { "github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version.Version": "4.25.0-alpha.1768448096+f47bc2d6" },
    versionCheck: { args: ["-help"], expect: "tracing" },
    default: false,
  },
  // helmfile renders platform repositories (sources/helmfile): `helmfile template` runs the
  // helm binary from the tools folder. v1.8.0 is the newest on the proxy (go.mod: go 1.26.6;
  // its k8s.io replaces point at other versions and are copied into the wrapper).
  // Stamping mirrors its Makefile (go.szostok.io/version).
  helmfile: {
    version: "v1.8.0",
    module: "github.com/helmfile/helmfile",
    package: "github.com/helmfile/helmfile",
    binary: "helmfile",
    recipe: "wrapper",
    xflags: { "go.szostok.io/version.version": "v1.8.0", "go.szostok.io/version.buildDate": "2026-09-13T01:19:02Z" },
    versionCheck: { args: ["--version"], expect: "v1.8.0" },
    default: true,
  },
  // kustomize builds overlays (sources/kustomize). v5.8.2, not the newest v5.8.3: v5.8.3's
  // go.mod says `go 1.27.0` and the toolchain here is Go 1.26 (GOTOOLCHAIN=local refuses it).
  kustomize: {
    version: "v5.8.2",
    module: "sigs.k8s.io/kustomize/kustomize/v5",
    package: "sigs.k8s.io/kustomize/kustomize/v5",
    binary: "kustomize",
    recipe: "wrapper",
    xflags: { "sigs.k8s.io/kustomize/api/provenance.version": "v5.8.2" },
    versionCheck: { args: ["version"], expect: "v5.8.2" },
    default: true,
  },
} as const satisfies Record<ToolName, ToolSpec>;

/** Tools the build-tools CLI builds when given no names (what the tests need). */
export const DEFAULT_TOOLS: readonly ToolName[] = (
  Object.keys(TOOL_VERSIONS) as ToolName[]
).filter((n) => TOOL_VERSIONS[n].default);

export function isToolName(name: string): name is ToolName {
  return Object.prototype.hasOwnProperty.call(TOOL_VERSIONS, name);
}
