import { describeRef } from "../../normalize/index.js";
import { defineRule } from "../rule.js";
import { apiStatusAt } from "../shared/removed-apis.js";
import { schemaValidator } from "./model-lookup.js";
import { describeSchemaErrors, type Problem } from "./schema-errors.js";
import { fieldTypes, rootTypeName } from "./type-map.js";
import { findUnknownFields } from "./unknown-fields.js";

/** Problems listed per object; the rest are counted. A broken Helm value can break hundreds. */
const SHOWN = 5;

export default defineRule({
  meta: {
    id: "schema-invalid",
    severity: "high",
    summary: "A created or updated built-in object does not match its Kubernetes schema (wrong types, missing required fields, unknown fields).",
    incidents: ["000", "001"],
    remediation:
      "Fix the fields named in the finding (run `kubectl apply --dry-run=server --validate=strict` or kubeconform -strict to confirm); a misspelled field is dropped by the API server, so the setting it carries never takes effect.",
  },
  check({ changes, options, report }) {
    for (const change of changes) {
      const manifest = change.head;
      if (change.op === "delete" || !manifest) continue;
      const { apiVersion, kind } = manifest.object;
      // A removed API fails before any field is read: api-version-removed reports it.
      if (apiStatusAt(apiVersion, kind, options.kubeVersion).status === "removed") continue;

      const validate = schemaValidator(apiVersion, kind);
      const invalid = validate ? describeSchemaErrors(validate(manifest.object), manifest.object) : [];
      const rootType = rootTypeName(apiVersion, kind);
      const unknown = rootType
        ? findUnknownFields(manifest.object, rootType, fieldTypes).map(
            (u): Problem => ({ path: u.path, message: `unknown field${u.suggestion ? ` (did you mean ${u.suggestion}?)` : ""}` }),
          )
        : [];
      if (invalid.length === 0 && unknown.length === 0) continue;
      report({ manifest, message: describe(describeRef(manifest.ref), `${apiVersion} ${kind}`, invalid, unknown) });
    }
  },
});

function describe(object: string, schema: string, invalid: Problem[], unknown: Problem[]): string {
  const all = [...invalid, ...unknown];
  const listed = all.slice(0, SHOWN).map((p) => `${p.path}: ${p.message}`);
  const more = all.length > SHOWN ? `; and ${all.length - SHOWN} more` : "";
  const effects: string[] = [];
  if (invalid.length > 0) effects.push("the API server rejects the object and the apply stops part-way");
  if (unknown.length > 0) effects.push("unknown fields fail `kubectl apply --validate=strict` and are otherwise dropped silently, so their setting never takes effect");
  const count = all.length === 1 ? "1 problem" : `${all.length} problems`;
  return `${object} does not match the Kubernetes ${schema} schema (${count}): ${listed.join("; ")}${more}. ${capitalize(effects.join("; "))} (incident 000: stop malformed manifests before they reach the cluster)`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
