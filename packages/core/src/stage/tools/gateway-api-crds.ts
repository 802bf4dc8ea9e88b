/**
 * Gateway API CRDs for staging. Clusters get them from the platform (a Helm chart, the cloud), not
 * from the repository under review, so staging installs them itself when the manifests use Gateway
 * API kinds without shipping the CRDs: the standard channel of sigs.k8s.io/gateway-api at the
 * version the staged Traefik is built against (its go.mod), read from the Go module (the proxy is
 * reachable where tools are built) and kept in the tools dir beside the binaries.
 */
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import yaml from "js-yaml";
import type { KubeObject } from "../../model/kube-object.js";
import { toolsDir } from "./build-tool.js";
import { goModuleDir } from "./go-module-dir.js";

/** sigs.k8s.io/gateway-api as required by Traefik v3.6.25's go.mod (standard channel CRDs). */
export const GATEWAY_API_VERSION = "v1.4.0";
const MODULE = "sigs.k8s.io/gateway-api";

export function gatewayApiCrdsPath(version = GATEWAY_API_VERSION): string {
  return join(toolsDir(), `gateway-api-crds-${version}`, "standard.yaml");
}

let loaded: Promise<KubeObject[]> | undefined;

/** The standard-channel CRDs (GatewayClass, Gateway, HTTPRoute, GRPCRoute, ReferenceGrant, BackendTLSPolicy). */
export function gatewayApiCrds(options: { log?: (line: string) => void; signal?: AbortSignal } = {}): Promise<KubeObject[]> {
  loaded ??= load(options);
  loaded.catch(() => (loaded = undefined)); // a failed download may succeed on the next run
  return loaded;
}

async function load(options: { log?: (line: string) => void; signal?: AbortSignal }): Promise<KubeObject[]> {
  const file = gatewayApiCrdsPath();
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    options.log?.(`Gateway API ${GATEWAY_API_VERSION}: fetching the CRDs from the Go module ${MODULE}`);
    text = await fromModule(options);
    await mkdir(join(file, ".."), { recursive: true });
    // Written whole, then renamed: a concurrent run never reads half a file.
    await writeFile(`${file}.tmp-${process.pid}`, text);
    await rename(`${file}.tmp-${process.pid}`, file);
  }
  const objects = yaml.loadAll(text).filter((o): o is KubeObject => typeof o === "object" && o !== null && (o as KubeObject).kind === "CustomResourceDefinition");
  if (objects.length === 0) throw new Error(`${file} holds no CustomResourceDefinition`);
  return objects;
}

async function fromModule(options: { signal?: AbortSignal }): Promise<string> {
  const dir = await goModuleDir(MODULE, GATEWAY_API_VERSION, options);
  const crdDir = join(dir, "config", "crd", "standard");
  const files = (await readdir(crdDir)).filter((f) => f.endsWith(".yaml")).sort();
  const texts = await Promise.all(files.map((f) => readFile(join(crdDir, f), "utf8")));
  return `# ${MODULE}@${GATEWAY_API_VERSION} config/crd/standard (fetched by kubegate for staging)\n${texts.map((t) => t.replace(/^---\n/, "")).join("\n---\n")}`;
}
