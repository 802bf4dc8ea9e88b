import type { KubeObject } from "../../model/kube-object.js";
import { InputError } from "../../model/input-error.js";
import { SecretRegistry } from "../../secrets/secret-registry.js";
import type { LocatedObject } from "../to-objects.js";
import { safeJsonError } from "../safe-syntax-error.js";
import { kubeTypeOf } from "./pulumi-type.js";
import { plainValue, type SecretPath } from "./pulumi-values.js";

/** One step of `pulumi preview --json` (display.PreviewStep; states are apitype.ResourceV3). */
export interface PreviewStep {
  op: string;
  urn: string;
  oldState?: PreviewState;
  newState?: PreviewState;
  replaceReasons?: string[];
  diffReasons?: string[];
}

export interface PreviewState {
  urn?: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export interface PulumiPreview {
  /** Kubernetes objects before the update (old states). */
  base: LocatedObject[];
  /** Kubernetes objects after it (new states); replaced ones carry `source.plannedReplace`. */
  head: LocatedObject[];
  /** Plaintext of every Pulumi secret met: pass to checkObjects so reports redact them. */
  secrets: SecretRegistry;
  /** Resources left out, and why (not Kubernetes objects are not listed). */
  skipped: string[];
  /** Advice on the preview itself (e.g. run it with --show-sames). */
  notes: string[];
}

/** Steps whose new state will not exist after the update. */
const REMOVING = new Set(["delete", "delete-replaced", "discard", "discard-replaced", "remove-pending-replace"]);
/** Steps that delete and recreate the object. */
const REPLACING = new Set(["replace", "create-replacement", "delete-replaced"]);

/**
 * Turns the JSON of `pulumi preview --json` into the two sides kubegate diffs: every
 * Kubernetes resource's old state (base) and new state (head), from their inputs (what the
 * program declares, as Pulumi itself diffs them). Each object's source is the preview file,
 * the line of its step, and its URN. Pulumi's own replace decision is kept as
 * `source.plannedReplace`, so a replace shows even when kubegate's field rules would not force it.
 */
export function readPulumiPreview(text: string, file: string): PulumiPreview {
  const steps = parseSteps(text, file);
  const secrets = new SecretRegistry();
  // Every secret of the preview is known to the redactor, also those of resources kubegate skips.
  for (const step of steps) for (const state of [step.oldState, step.newState]) if (state) plainValue([state.inputs, state.outputs], secrets);
  const skipped: string[] = [];
  const base = new Map<string, LocatedObject>();
  const head = new Map<string, LocatedObject>();
  const replaced = new Map<string, string[]>();
  const lineOf = lineFinder(text);
  steps.forEach((step, index) => {
    if (REPLACING.has(step.op)) replaced.set(step.urn, [...(replaced.get(step.urn) ?? []), ...(step.replaceReasons ?? [])]);
    const at = { file, line: lineOf(step.urn), documentIndex: index, urn: step.urn };
    const add = (side: Map<string, LocatedObject>, state: PreviewState | undefined): void => {
      if (!state || side.has(step.urn)) return;
      const object = toKubeObject(state, secrets);
      if (typeof object === "string") {
        if (object !== "") skipped.push(`${step.urn}: ${object}`);
        return;
      }
      side.set(step.urn, { object: object.object, source: { ...at, ...(object.secretPaths.length ? { secretPaths: object.secretPaths } : {}) } });
    };
    add(base, step.oldState);
    if (!REMOVING.has(step.op)) add(head, step.newState);
  });
  for (const [urn, keys] of replaced) {
    const h = head.get(urn);
    if (h) h.source.plannedReplace = [plannedReason(keys)];
  }
  markTakeovers(base, head);
  const notes = steps.some((s) => s.op !== "same") && !steps.some((s) => s.op === "same" && kubeTypeOf(s.newState?.type ?? "") !== undefined)
    ? ["the preview lists changed resources only: run `pulumi preview --json --show-sames` so the rules also see the unchanged ones (the routes and controllers behind a change)"]
    : [];
  return { base: [...base.values()], head: [...head.values()], secrets, skipped, notes };
}

function plannedReason(keys: string[]): string {
  const unique = [...new Set(keys)];
  return `pulumi preview plans a replace${unique.length ? ` (replaceReasons: ${unique.join(", ")})` : ""}`;
}

/**
 * A resource whose logical name changed but whose Kubernetes name did not: Pulumi creates the
 * new URN (over the same object) and then deletes the old URN, which deletes the object.
 */
function markTakeovers(base: Map<string, LocatedObject>, head: Map<string, LocatedObject>): void {
  const deletedByIdentity = new Map<string, string>();
  for (const [urn, b] of base) if (!head.has(urn)) deletedByIdentity.set(identity(b.object), urn);
  for (const [urn, h] of head) {
    if (base.has(urn)) continue;
    const oldUrn = deletedByIdentity.get(identity(h.object));
    if (oldUrn) h.source.plannedReplace = [...(h.source.plannedReplace ?? []), `pulumi deletes ${oldUrn}, which manages the same object, after creating ${urn}`];
  }
}

function identity(o: KubeObject): string {
  return `${o.apiVersion.split("/").slice(0, -1).join("/")}/${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
}

/** The object and its Pulumi secrets' positions, or why it is skipped ("" when it is not a Kubernetes resource at all). */
function toKubeObject(state: PreviewState, secrets: SecretRegistry): { object: KubeObject; secretPaths: SecretPath[] } | string {
  const type = kubeTypeOf(state.type);
  if (!type) return "";
  const secretPaths: SecretPath[] = [];
  const inputs = plainValue(state.inputs ?? {}, secrets, [], secretPaths) as Record<string, unknown>;
  const outputSecrets: SecretPath[] = [];
  const outputs = plainValue(state.outputs ?? {}, secrets, [], outputSecrets) as Record<string, unknown>;
  // Outputs contribute metadata only (auto-assigned names); their secrets there are kept too.
  secretPaths.push(...outputSecrets.filter((p) => p[0] === "metadata"));
  const { __inputs: _ignored, status: _status, ...body } = inputs;
  const metadata = { ...asRecord(outputs.metadata), ...asRecord(body.metadata) };
  // Names the provider assigns (auto-naming) are in the outputs when the inputs lack them.
  const name = typeof metadata.name === "string" && metadata.name !== "" ? metadata.name : undefined;
  if (!name) return `${type.kind} has no metadata.name yet (unknown until the update runs): not checked`;
  const namespace = typeof metadata.namespace === "string" && metadata.namespace !== "" ? metadata.namespace : undefined;
  const { uid: _u, resourceVersion: _r, creationTimestamp: _c, managedFields: _m, generation: _g, ...keptMeta } = metadata;
  const object = {
    ...body,
    apiVersion: typeof body.apiVersion === "string" ? body.apiVersion : type.apiVersion,
    kind: typeof body.kind === "string" ? body.kind : type.kind,
    metadata: { ...keptMeta, name, ...(namespace ? { namespace } : {}) },
  } as KubeObject;
  return { object, secretPaths };
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function parseSteps(text: string, file: string): PreviewStep[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    const at = safeJsonError(text);
    throw new InputError([{ file, line: at.line, column: at.column, message: `not the JSON of \`pulumi preview --json\`: ${at.message}` }]);
  }
  const steps = (doc as { steps?: unknown } | null)?.steps;
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new InputError([{ file, message: "not the JSON of `pulumi preview --json`: expected an object with `steps`" }]);
  if (steps === undefined) return []; // no changes at all, or the preview failed before any step
  if (!Array.isArray(steps)) throw new InputError([{ file, message: "`steps` of the preview is not a list" }]);
  const problems = steps.flatMap((s, i) =>
    s && typeof s === "object" && typeof (s as PreviewStep).op === "string" && typeof (s as PreviewStep).urn === "string"
      ? []
      : [{ file, documentIndex: i, message: `step ${i + 1} has no op and urn` }],
  );
  if (problems.length > 0) throw new InputError(problems);
  return steps as PreviewStep[];
}

/** 1-based line of a step's first `"<urn>"` in the file, so editors jump to it. */
function lineFinder(text: string): (urn: string) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) newlines.push(i);
  return (urn) => {
    const at = text.indexOf(JSON.stringify(urn));
    if (at < 0) return 1;
    let [lo, hi] = [0, newlines.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

