import type { Manifest } from "../../model/manifest.js";
import { describeRef, groupOf, versionOf } from "../../normalize/index.js";
import { defineRule, type RuleContext } from "../rule.js";
import { isCrd } from "../shared/crd.js";
import { isCustomResource } from "../shared/builtin-groups.js";
import { CrdIndex, crdKey, servedKey } from "./crd-index.js";
import { crdSchemaToAjv, isSchemaless } from "./crd-schema-to-ajv.js";
import { compileFailureMessage, crdInvalidMessage, modelInvalidMessage, stringPortMessage, unknownFieldsMessage, versionMissingMessage } from "./messages.js";
import { modelValidator } from "./model-validators.js";
import { describeErrors, type SchemaIssue } from "./schema-errors.js";
import { describeControllers, integerPortControllers, isIntPortObject, stringPorts } from "./traefik-port-decoding.js";
import { isCompileFailure, ValidatorCache } from "./validator-cache.js";

export default defineRule({
  meta: {
    id: "custom-resource-invalid",
    severity: "critical",
    summary: "A custom resource does not match its CRD schema (or the controller's own schema), or uses a field its ingress controller cannot decode.",
    incidents: ["000"],
    remediation:
      "Fix the fields the finding names so the object matches its schema (`kubectl apply --dry-run=server` shows the CRD's verdict); on Traefik older than v2.5 use numeric service ports, or upgrade Traefik first.",
  },
  check(ctx) {
    const changed = new Set(ctx.changes.filter((c) => c.op !== "delete" && c.head).map((c) => c.key));
    // A changed CRD re-judges every object it serves, changed or not.
    const changedCrds = new Set(ctx.changes.filter((c) => c.op !== "delete" && c.head && isCrd(c.head)).map((c) => servedKey(c.head!)));
    const crds = new CrdIndex(ctx.head, ctx.base);
    const cache = new ValidatorCache();
    const oldTraefik = integerPortControllers(ctx.head, ctx.options.ingressControllers);
    const oldTraefikChanged = oldTraefik.some((c) => changed.has(c.manifest.key));
    const controllers = describeControllers(oldTraefik);
    const unjudged = new Map<string, Manifest[]>();

    for (const manifest of ctx.head.manifests) {
      if (!isCustomResource(manifest)) continue;
      const inScope = changed.has(manifest.key) || changedCrds.has(crdKey(groupOf(manifest.ref.apiVersion), manifest.ref.kind));
      if (inScope && validate(manifest, crds, cache, ctx.report) === "no-schema" && !gitOpsKind(manifest)) {
        const kind = `${manifest.ref.apiVersion} ${manifest.ref.kind}`;
        unjudged.set(kind, [...(unjudged.get(kind) ?? []), manifest]);
      }
      // A Traefik downgrade (or a first install of v2.4) turns existing string ports into the incident too.
      if (oldTraefik.length > 0 && isIntPortObject(manifest) && (inScope || oldTraefikChanged)) {
        const ports = stringPorts(manifest.object);
        if (ports.length > 0) ctx.report({ manifest, message: stringPortMessage(manifest, ports, controllers), severity: "critical" });
      }
    }
    reportUnjudged(unjudged, ctx.report);
  },
});

/**
 * Flux's and Argo CD's own kinds: a repository that holds them is applied by that very controller,
 * whose CRDs its bootstrap installed, so "the CRD may be missing" would be noise on every change.
 */
function gitOpsKind(manifest: Manifest): boolean {
  const group = groupOf(manifest.ref.apiVersion);
  return group.endsWith(".fluxcd.io") || group === "argoproj.io";
}

/**
 * Custom resources of a kind with no CRD on either side and no schema kubegate ships: said once per
 * kind (info: the CRD is often installed by another repository or chart), never passed in silence.
 */
function reportUnjudged(unjudged: Map<string, Manifest[]>, report: RuleContext["report"]): void {
  for (const [kind, manifests] of unjudged) {
    const names = manifests.slice(0, 3).map((m) => describeRef(m.ref));
    report({
      manifest: manifests[0]!,
      severity: "info",
      message:
        `${kind}: no CustomResourceDefinition for it on either side and no schema kubegate knows, so ${names.join(", ")}${manifests.length > names.length ? ` and ${manifests.length - names.length} more` : ""} ` +
        "were not validated; the API server refuses them unless the CRD is installed first (ship the CRD in the change or make sure another source installs it)",
      fingerprint: `unjudged ${kind}`,
    });
  }
}

/** Reports what is wrong with a custom resource; "no-schema" when nothing can judge it. */
function validate(manifest: Manifest, crds: CrdIndex, cache: ValidatorCache, report: RuleContext["report"]): "judged" | "no-schema" {
  const { apiVersion, kind } = manifest.ref;
  // The API server prunes nulls of non-nullable fields before validating; so do we.
  const object = withoutNulls(manifest.object) as Record<string, unknown>;
  const match = crds.find(apiVersion, kind);
  let crdWithoutSchema: string | undefined;
  if (match) {
    const version = versionOf(apiVersion);
    const source = `CRD ${match.crd.ref.name} ${version}${match.side === "base" ? " from base" : ""}`;
    if (!match.version || match.version.served === false) {
      report({ manifest, message: versionMissingMessage(manifest, match.crd.ref.name, match.versions.map((v) => v.name), !match.version), severity: "critical" });
      return "judged";
    }
    const schema = match.version.schema?.openAPIV3Schema;
    if (schema && !isSchemaless(schema)) {
      const validator = cache.get(`${match.side}|${match.crd.key}|${version}`, source, () => crdSchemaToAjv(schema, { prune: match.prune }));
      if (isCompileFailure(validator)) {
        report({ manifest, message: compileFailureMessage(manifest, source, validator.error), severity: "info" });
        return "judged";
      }
      const issues = describeErrors(validator.validate(object), object);
      reportIssues(manifest, issues, (invalid) => crdInvalidMessage(manifest, invalid, source), source, report);
      return "judged";
    }
    crdWithoutSchema = source;
  }
  const model = modelValidator(apiVersion, kind);
  if (!model) return crdWithoutSchema ? "judged" : "no-schema"; // unknown group, no CRD: nothing to judge it by
  const source = `${model.source} ${model.apiVersion} ${kind}`;
  const issues = describeErrors(model.validate(object), object);
  reportIssues(manifest, issues, (invalid) => modelInvalidMessage(manifest, invalid, source, crdWithoutSchema), source, report);
  return "judged";
}

function reportIssues(manifest: Manifest, issues: SchemaIssue[], invalidMessage: (issues: SchemaIssue[]) => string, source: string, report: RuleContext["report"]): void {
  const invalid = issues.filter((i) => !i.unknownField);
  const unknown = issues.filter((i) => i.unknownField);
  if (invalid.length > 0) report({ manifest, message: invalidMessage(invalid), severity: "critical" });
  // Pruned, not rejected: worth a look (a typo silently loses a setting), not a block.
  if (unknown.length > 0) report({ manifest, message: unknownFieldsMessage(manifest, unknown, source), severity: "warning" });
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}
