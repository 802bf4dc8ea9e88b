/** The ingress controllers of a staged run: which adapter runs a declared controller, starting and swapping it. */
import type { StagingCluster } from "../stage/cluster/cluster-provider.js";
import { adapterFor, TraefikAdapter, type IngressControllerAdapter, type StartedController } from "../stage/controllers/index.js";
import type { Logger } from "../log/logger.js";
import type { ManifestSet } from "../model/manifest.js";
import { findIngressControllers, type IngressController } from "../workloads/ingress-controllers.js";

/** Controllers staging can run, Traefik first (one adapter per folder under stage/controllers). */
export const ADAPTERS: readonly IngressControllerAdapter[] = [new TraefikAdapter()];

export function pickController(set: ManifestSet, notes: string[]): IngressController | undefined {
  const controllers = findIngressControllers(set).filter((c) => adapterFor(c, ADAPTERS) !== undefined);
  if (controllers.length > 1) notes.push(`several ingress controllers (${controllers.map((c) => c.manifest.ref.name).join(", ")}): staging runs ${controllers[0]!.manifest.ref.name}`);
  return controllers[0];
}

export async function startController(cluster: StagingCluster, controller: IngressController, set: ManifestSet, logger: Logger, signal?: AbortSignal): Promise<StartedController> {
  return adapterFor(controller, ADAPTERS)!.start(cluster, controller, { manifests: set, logger, ...(signal ? { signal } : {}) });
}

/** The IngressClass `spec.controller` value of the staged controller's family. */
export function ingressClassController(controller: IngressController | undefined): string | undefined {
  return controller?.family === "traefik" ? "traefik.io/ingress-controller" : undefined;
}

export function controllerChanged(a: IngressController | undefined, b: IngressController): boolean {
  return !a || a.image !== b.image || JSON.stringify(a.container.args ?? []) !== JSON.stringify(b.container.args ?? []);
}


/** EndpointSlices, Endpoints or both: what the controllers of base and head read (a thousand objects fewer per thousand Services). */
export function endpointKinds(controllers: ReadonlyArray<IngressController | undefined>): ReadonlySet<string> {
  const kinds = new Set<string>();
  for (const c of controllers) {
    if (!c) continue;
    const adapter = adapterFor(c, ADAPTERS);
    for (const k of adapter?.endpointKinds?.(c) ?? ["EndpointSlice", "Endpoints"]) kinds.add(k);
  }
  return kinds.size > 0 ? kinds : new Set(["EndpointSlice", "Endpoints"]);
}
