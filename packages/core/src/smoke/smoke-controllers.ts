/** The ingress controllers of a staged run: which adapter runs a declared controller, starting and swapping it. */
import type { StagingCluster } from "../stage/cluster/cluster-provider.js";
import { adapterFor, TraefikAdapter, type IngressControllerAdapter, type StartedController } from "../stage/controllers/index.js";
import type { Logger } from "../log/logger.js";
import type { ManifestSet } from "../model/manifest.js";
import { findIngressControllers, type IngressController } from "../workloads/ingress-controllers.js";
import { formatControllerVersion, parseControllerVersion } from "../workloads/controller-version.js";
import type { UnstagedController } from "./rules/staged-rule.js";

/** Controllers staging can run, Traefik first (one adapter per folder under stage/controllers). */
export const ADAPTERS: readonly IngressControllerAdapter[] = [new TraefikAdapter()];

export function pickController(set: ManifestSet, notes: string[]): IngressController | undefined {
  const controllers = findIngressControllers(set).filter((c) => adapterFor(c, ADAPTERS) !== undefined);
  if (controllers.length > 1) notes.push(`several ingress controllers (${controllers.map((c) => c.manifest.ref.name).join(", ")}): staging runs ${controllers[0]!.manifest.ref.name}`);
  return controllers[0];
}

/** Display names of controller families in verdicts. */
const FAMILY_NAMES: Record<IngressController["family"], string> = {
  traefik: "Traefik",
  "ingress-nginx": "ingress-nginx",
  haproxy: "HAProxy Ingress",
  contour: "Contour",
  "envoy-gateway": "Envoy Gateway",
  kong: "Kong Ingress Controller",
  other: "ingress controller",
};

/** "ingress-nginx 1.12", "Traefik 1.7.9": the controller as the verdict names it. */
export function controllerTitle(controller: IngressController): string {
  const version = parseControllerVersion(controller.version);
  const name = controller.family === "other" ? `${FAMILY_NAMES.other} ${controller.manifest.ref.name}` : FAMILY_NAMES[controller.family];
  return version ? `${name} ${formatControllerVersion(version)}` : controller.version ? `${name} ${controller.version}` : name;
}

/**
 * Declared controllers of a side that staging cannot run (no adapter for the family, or a version
 * the adapter cannot build), with why. Never substituted silently: each becomes a
 * smoke-controller-not-staged finding.
 */
export function unstageableControllers(set: ManifestSet, side: "base" | "head"): UnstagedController[] {
  return findIngressControllers(set)
    .filter((c) => adapterFor(c, ADAPTERS) === undefined)
    .map((c) => {
      const adapter = ADAPTERS.find((a) => a.family === c.family);
      const reason = adapter?.whyNot?.(c) ?? `kubegate stages ${ADAPTERS.map((a) => FAMILY_NAMES[a.family]).join(", ")} only; there is no ${FAMILY_NAMES[c.family]} adapter`;
      return { resource: c.manifest.ref, file: c.manifest.source.file, line: c.manifest.source.line, controller: controllerTitle(c), reason, sides: [side] };
    });
}

/** Both sides' unstageable controllers, one entry per object (declared on both sides: sides [base, head]). */
export function mergeUnstaged(base: UnstagedController[], head: UnstagedController[]): UnstagedController[] {
  const byKey = new Map<string, UnstagedController>();
  for (const u of [...base, ...head]) {
    const key = `${u.resource.kind}/${u.resource.namespace ?? ""}/${u.resource.name}/${u.controller}`;
    const seen = byKey.get(key);
    if (seen) seen.sides.push(...u.sides.filter((s) => !seen.sides.includes(s)));
    else byKey.set(key, { ...u, sides: [...u.sides] });
  }
  return [...byKey.values()];
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
