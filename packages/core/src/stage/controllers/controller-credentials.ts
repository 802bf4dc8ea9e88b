/**
 * Which identity an ingress controller runs as in staging. When the manifests bind RBAC to the
 * ServiceAccount the controller's pod spec names, that ServiceAccount's token is used, so a
 * missing permission fails in staging as it would in production. When they ship no RBAC for it
 * (it lives in another repository or chart), a kubegate ServiceAccount bound to cluster-admin
 * is used instead, with a note: staging should not fail for what it cannot see.
 */
import { ApiException, KubeConfig, RbacAuthorizationV1Api } from "@kubernetes/client-node";
import type { Logger } from "../../log/logger.js";
import type { ManifestSet } from "../../model/manifest.js";
import type { IngressController } from "../../workloads/ingress-controllers.js";
import type { ControllerAccess } from "../providers/common/controller-access.js";
import type { ControllerHostCluster } from "./ingress-controller.js";

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

/** The ServiceAccount the controller's pod spec names ("default" when it names none). */
export function controllerServiceAccount(controller: IngressController): ServiceAccountRef {
  const object = controller.manifest.object;
  const spec = (object.spec ?? {}) as Record<string, any>;
  const podSpec = (object.kind === "Pod" ? spec : object.kind === "CronJob" ? spec.jobTemplate?.spec?.template?.spec : spec.template?.spec) as Record<string, unknown> | undefined;
  const name = (podSpec?.["serviceAccountName"] ?? podSpec?.["serviceAccount"] ?? "default") as string;
  return { namespace: controller.manifest.ref.namespace ?? "default", name };
}

/** RoleBindings and ClusterRoleBindings of the manifests whose subjects include the ServiceAccount. */
export function bindingsFor(set: ManifestSet, sa: ServiceAccountRef): string[] {
  const found: string[] = [];
  for (const m of set.manifests) {
    if (m.group !== "rbac.authorization.k8s.io" || (m.ref.kind !== "RoleBinding" && m.ref.kind !== "ClusterRoleBinding")) continue;
    const subjects = ((m.object as { subjects?: Array<{ kind?: string; name?: string; namespace?: string }> }).subjects ?? []);
    const match = subjects.some((s) => s.kind === "ServiceAccount" && s.name === sa.name && (s.namespace ?? (m.ref.kind === "RoleBinding" ? m.ref.namespace : undefined)) === sa.namespace);
    if (match) found.push(`${m.ref.kind} ${m.ref.namespace ? `${m.ref.namespace}/` : ""}${m.ref.name}`);
  }
  return found;
}

export const FALLBACK_SERVICE_ACCOUNT = "kubegate-controller";

export interface ControllerCredentials {
  access: ControllerAccess;
  /** "manifests": the pod spec's ServiceAccount and the RBAC the manifests grant it; "cluster-admin": kubegate's fallback. */
  rbac: "manifests" | "cluster-admin";
  note?: string;
}

export async function controllerCredentials(
  cluster: ControllerHostCluster,
  controller: IngressController,
  set: ManifestSet,
  logger: Logger,
): Promise<ControllerCredentials> {
  const sa = controllerServiceAccount(controller);
  const bindings = bindingsFor(set, sa);
  const what = `${controller.manifest.ref.kind} ${controller.manifest.ref.namespace}/${controller.manifest.ref.name}`;
  if (bindings.length > 0) {
    logger.debug(`${what}: runs as ServiceAccount ${sa.namespace}/${sa.name} (${bindings.join(", ")})`);
    return { access: await cluster.controllerAccess({ namespace: sa.namespace, serviceAccount: sa.name }), rbac: "manifests" };
  }
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  const access = await cluster.controllerAccess({ namespace: sa.namespace, serviceAccount: FALLBACK_SERVICE_ACCOUNT });
  try {
    await kc.makeApiClient(RbacAuthorizationV1Api).createClusterRoleBinding({
      body: {
        metadata: { name: `${FALLBACK_SERVICE_ACCOUNT}-${sa.namespace}`, labels: { "app.kubernetes.io/managed-by": "kubegate" } },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" },
        subjects: [{ kind: "ServiceAccount", name: FALLBACK_SERVICE_ACCOUNT, namespace: sa.namespace }],
      },
    });
  } catch (err) {
    if (!(err instanceof ApiException && err.code === 409)) throw err;
  }
  const note = `the manifests bind no RBAC to ServiceAccount ${sa.namespace}/${sa.name} of ${what}: staging runs it as ${sa.namespace}/${FALLBACK_SERVICE_ACCOUNT} with cluster-admin, so missing permissions will not show`;
  logger.info(note);
  return { access, rbac: "cluster-admin", note };
}
