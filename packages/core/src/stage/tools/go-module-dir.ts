/**
 * The source folder of a Go module version in the module cache, downloading it first when
 * needed (`go mod download`, outside any module: no go.mod is needed). Data that ships inside Go
 * modules (CRD definitions of Traefik and Gateway API) is read from there: the proxy is reachable
 * wherever the tools are built, and the cache makes later reads offline.
 */
import { mkdir } from "node:fs/promises";
import { toolsDir } from "./build-tool.js";
import { runGo } from "./go-run.js";

export async function goModuleDir(module: string, version: string, options: { signal?: AbortSignal } = {}): Promise<string> {
  await mkdir(toolsDir(), { recursive: true });
  const json = await runGo(["mod", "download", "-json", `${module}@${version}`], {
    cwd: toolsDir(),
    quietStdout: true,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const dir = (JSON.parse(json) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download ${module}@${version} gave no directory`);
  return dir;
}
