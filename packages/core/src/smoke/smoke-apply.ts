/** Applying a side of the change to the staging cluster, and pruning what head deletes. */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { ManifestSet } from "../model/manifest.js";
import { ApplyError, applyManifests, applyPhase, describeObject, type ApplyFailure } from "../stage/apply/apply-manifests.js";
import { deleteObjects } from "../stage/apply/delete-objects.js";
import type { StagingSide } from "../stage/standins/side-endpoints.js";
import { endpointObjects, type planStandins } from "../stage/standins/plan.js";
import type { SideObjects } from "./side-objects.js";
import type { RejectedObject } from "./smoke-findings.js";

/**
 * Applies a side; objects the API server rejects become findings, not crashes. A custom resource
 * whose CRD the repository does not ship (cert-manager's, installed elsewhere) cannot be staged:
 * that is a note, not a rejection of the change.
 */
export async function apply(kubeconfig: string, side: SideObjects, stage: "base" | "head", rejected: RejectedObject[], set: ManifestSet, notes: string[], endpoints: KubernetesObject[]): Promise<Set<string>> {
  // Endpoints first: a running controller then sees a new Service's backends with its route.
  // Endpoints the manifests write themselves are overwritten afterwards (the stand-in answers).
  const standinEndpoints = new Set(endpoints.map(describeObject));
  const written = new Set(side.objects.map(describeObject));
  const after = endpoints.filter((o) => written.has(describeObject(o)));
  const failures: ApplyFailure[] = [];
  for (const batch of [[...endpoints.filter((o) => !written.has(describeObject(o))), ...(side.objects as KubernetesObject[])], after]) {
    if (batch.length === 0) continue;
    try {
      await applyManifests(kubeconfig, batch);
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error;
      failures.push(...error.failures);
    }
  }
  const failed = new Set(failures.map((f) => f.object));
  for (const failure of failures) {
    if (standinEndpoints.has(failure.object) && !written.has(failure.object)) {
      notes.push(`stand-in endpoints ${failure.object}: ${failure.message}`);
      continue;
    }
    const manifest = set.manifests.find((m) => `${m.ref.kind} ${m.ref.namespace ? `${m.ref.namespace}/` : ""}${m.ref.name}` === failure.object);
    if (manifest && /does not serve/.test(failure.message) && !crdShipped(set, manifest)) {
      const note = `${manifest.ref.kind} (${manifest.ref.apiVersion}) is not installed in staging and its CRD is not in the manifests: ${failure.object} was not staged`;
      if (!notes.includes(note)) notes.push(note);
      continue;
    }
    rejected.push({ resource: manifest?.ref ?? { apiVersion: "v1", kind: failure.object.split(" ")[0] ?? "?", name: failure.object }, ...(manifest ? { file: manifest.source.file, line: manifest.source.line } : {}), message: failure.message, stage });
  }
  return failed;
}

/**
 * Head's objects that differ from base's, or that base could not apply: a server-side apply of
 * an object the same field manager applied unchanged changes nothing, and most of a change's
 * objects are unchanged (a thousand-route repository re-applied whole took seconds). Unless head
 * changes what judges every object on apply (a CRD's schema, an admission policy, a Namespace):
 * then everything is applied again, as a GitOps controller's next sync would.
 */
export function changedSinceBase(base: SideObjects, head: SideObjects, baseFailed: ReadonlySet<string>): SideObjects {
  const applied = new Map<string, string>();
  for (const o of base.objects) {
    const name = describeObject(o as KubernetesObject);
    if (!baseFailed.has(name)) applied.set(`${o.apiVersion} ${name}`, JSON.stringify(o));
  }
  const changed = head.objects.filter((o) => applied.get(`${o.apiVersion} ${describeObject(o as KubernetesObject)}`) !== JSON.stringify(o));
  if (changed.some((o) => applyPhase({ apiVersion: o.apiVersion, kind: o.kind }) !== 1)) return head;
  return { ...head, objects: changed };
}

function crdShipped(set: ManifestSet, m: { ref: { kind: string; apiVersion: string } }): boolean {
  const group = m.ref.apiVersion.split("/")[0];
  return set.manifests.some((c) => c.ref.kind === "CustomResourceDefinition" && (c.object.spec as { group?: string; names?: { kind?: string } } | undefined)?.group === group && (c.object.spec as { names?: { kind?: string } }).names?.kind === m.ref.kind);
}

export async function prune(kubeconfig: string, base: ManifestSet, head: ManifestSet, notes: string[]): Promise<void> {
  const gone = base.manifests.filter((m) => !head.byKey.has(m.key)).map((m) => m.object as KubernetesObject);
  if (gone.length === 0) return;
  const { failures } = await deleteObjects(kubeconfig, gone);
  for (const f of failures) notes.push(`could not delete ${f.object}: ${f.message}`);
}

/** Endpoints pointing the Services the side declares at their stand-ins (of the kinds the staged controllers read). */
/** The endpoint objects of one side, as Kubernetes would compute them from that side's workloads. */
export function endpointsFor(plan: ReturnType<typeof planStandins>, side: StagingSide, kinds: ReadonlySet<string>): KubernetesObject[] {
  return (endpointObjects(plan, side) as KubernetesObject[]).filter((o) => kinds.has(o.kind ?? ""));
}

