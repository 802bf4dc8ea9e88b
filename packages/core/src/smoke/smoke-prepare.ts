/**
 * What a staged run needs before any cluster exists: the run CA, the controllers of both sides
 * (the declared ones staging can run, or a stock Traefik), the objects of both sides and the
 * stand-in plan. Prepared while the cluster starts.
 */
import type { Logger } from "../log/logger.js";
import type { KubeObject } from "../model/kube-object.js";
import type { ManifestSet } from "../model/manifest.js";
import { StagingError } from "../stage/cluster/cluster-provider.js";
import { planStandins } from "../stage/standins/plan.js";
import { createCertificateAuthority, type CertificateAuthority } from "../stage/tls/certificate-authority.js";
import { gatewayApiCrds } from "../stage/tools/gateway-api-crds.js";
import type { IngressController } from "../workloads/ingress-controllers.js";
import { defaultController, DEFAULT_TRAEFIK_IMAGE } from "./default-controller.js";
import { gatewayCrdNote, usesGatewayApi } from "./gateway-api.js";
import { podTlsServices } from "./pod-tls-probes.js";
import { decideStandins, GATEWAY_CRDS_DEPENDENCY, type StandinDecision } from "./standin-needs.js";
import { workloadNamespaces } from "../workloads/service-endpoints.js";
import { ingressClassController, mergeUnstaged, pickController, unstageableControllers } from "./smoke-controllers.js";
import type { UnstagedController } from "./rules/staged-rule.js";
import { sideObjects, type SideObjects } from "./side-objects.js";
import { unionSet } from "./union-set.js";

export interface Prepared {
  ca: CertificateAuthority;
  baseController: IngressController | undefined;
  headController: IngressController | undefined;
  controllerNotes: string[];
  /** Declared controllers staging cannot run (and what it ran instead, if anything). */
  unstaged: UnstagedController[];
  baseObjects: SideObjects;
  headObjects: SideObjects;
  plan: ReturnType<typeof planStandins>;
  standinTls: Awaited<ReturnType<CertificateAuthority["issue"]>>;
  /** What staging may stand in for (base relies on it outside its manifests) and what only head needs. */
  standins: StandinDecision;
}

/** What the run needs that no cluster is needed for: CA, controllers, objects of both sides, stand-in plan. */
export async function prepare(base: ManifestSet, head: ManifestSet, runId: string, logger: Logger, signal?: AbortSignal): Promise<Prepared> {
  const controllerNotes: string[] = [];
  const ca = await createCertificateAuthority({ name: `kubegate-run-${runId}` });
  let baseController = pickController(base, controllerNotes);
  let headController = pickController(head, []);
  const gatewayApi = usesGatewayApi([base, head]);
  const unstaged = mergeUnstaged(unstageableControllers(base, "base"), unstageableControllers(head, "head"));
  if (!baseController && !headController) {
    baseController = headController = defaultController({ crdProvider: [...base.manifests, ...head.manifests].some((m) => m.group === "traefik.io"), gatewayProvider: gatewayApi });
    const stock = `a stock Traefik (${DEFAULT_TRAEFIK_IMAGE}, Ingress and CRD providers)`;
    if (unstaged.length === 0) controllerNotes.push(`the manifests declare no ingress controller: staging runs ${stock} in place of the cluster's`);
    else {
      // Never a silent substitution: the declared controller is named, and so is what ran instead.
      for (const u of unstaged) u.instead = stock;
      controllerNotes.push(`the manifests declare ${unstaged.map((u) => u.controller).join(", ")}, which staging cannot run: routes were probed through ${stock} instead, which proves nothing about the declared controller`);
    }
  }
  const plan = planStandins(unionSet(base, head), undefined, { base, head, computable: workloadNamespaces(base, head) }, podTlsServices(base, head));
  // Stand-ins only for what base relies on outside its manifests; head-only needs are reported.
  const standins = decideStandins(base, head);
  controllerNotes.push(...standins.notes);
  const crds = standins.standins.some((s) => s.key === GATEWAY_CRDS_DEPENDENCY) ? await gatewayStandInCrds(controllerNotes, logger, signal) : [];
  const [baseObjects, headObjects, standinTls] = await Promise.all([
    sideObjects(base, ca, baseController?.manifest.ref.namespace, ingressClassController(baseController ?? headController), { crds, permits: (key) => standins.permits("base", key) }),
    sideObjects(head, ca, headController?.manifest.ref.namespace, ingressClassController(headController ?? baseController), { crds, permits: (key) => standins.permits("head", key) }),
    ca.issue({ subject: "CN=kubegate-standin", usage: "server", ips: plan.services.map((x) => x.address) }),
  ]);
  return { ca, baseController, headController, controllerNotes, unstaged, baseObjects, headObjects, plan, standinTls, standins };
}

/**
 * The Gateway API CRDs clusters get from their platform. Without them no Gateway object could be
 * staged and every HTTPRoute would fail for a reason that is not the change's: staging fails
 * closed instead, saying what is missing.
 */
export async function gatewayStandInCrds(notes: string[], logger: Logger, signal?: AbortSignal): Promise<KubeObject[]> {
  try {
    const crds = await gatewayApiCrds({ log: (line) => logger.info(line), ...(signal ? { signal } : {}) });
    notes.push(gatewayCrdNote());
    return crds;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new StagingError(
      `the manifests use the Gateway API without shipping its CRDs, and staging could not fetch them from the Go module proxy (needs Go, like the tools): ${(error as Error).message.split("\n")[0]}`,
      {},
      { cause: error },
    );
  }
}

