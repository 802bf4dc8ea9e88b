import type { Manifest } from "../../model/manifest.js";
import { groupOf, versionOf } from "../../normalize/index.js";
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

    for (const manifest of ctx.head.manifests) {
      if (!isCustomResource(manifest)) continue;
      const inScope = changed.has(manifest.key) || changedCrds.has(crdKey(groupOf(manifest.ref.apiVersion), manifest.ref.kind));
      if (inScope) validate(manifest, crds, cache, ctx.report);
      // A Traefik downgrade (or a first install of v2.4) turns existing string ports into the incident too.
      if (oldTraefik.length > 0 && isIntPortObject(manifest) && (inScope || oldTraefikChanged)) {
        const ports = stringPorts(manifest.object);
        if (ports.length > 0) ctx.report({ manifest, message: stringPortMessage(manifest, ports, controllers), severity: "critical" });
      }
    }
  },
});

function validate(manifest: Manifest, crds: CrdIndex, cache: ValidatorCache, report: RuleContext["report"]): void {
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
      return;
    }
    const schema = match.version.schema?.openAPIV3Schema;
    if (schema && !isSchemaless(schema)) {
      const validator = cache.get(`${match.side}|${match.crd.key}|${version}`, source, () => crdSchemaToAjv(schema, { prune: match.prune }));
      if (isCompileFailure(validator)) {
        report({ manifest, message: compileFailureMessage(manifest, source, validator.error), severity: "info" });
        return;
      }
      const issues = describeErrors(validator.validate(object), object);
      reportIssues(manifest, issues, (invalid) => crdInvalidMessage(manifest, invalid, source), source, report);
      return;
    }
    crdWithoutSchema = source;
  }
  const model = modelValidator(apiVersion, kind);
  if (!model) return; // unknown group, no CRD: nothing to judge it by
  const source = `${model.source} ${model.apiVersion} ${kind}`;
  const issues = describeErrors(model.validate(object), object);
  reportIssues(manifest, issues, (invalid) => modelInvalidMessage(manifest, invalid, source, crdWithoutSchema), source, report);
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
