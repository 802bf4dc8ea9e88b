import type { Manifest } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import type { SchemaIssue } from "./schema-errors.js";
import type { StringPort } from "./traefik-port-decoding.js";

/** Findings list at most this many problems per object, then a count of the rest. */
export const MAX_ISSUES = 5;

const INCIDENT_000 = "incident 000: one malformed IngressRoute made Traefik v2 serve 404 for every route";

export function withRest(items: string[], separator = "; "): string {
  const shown = items.slice(0, MAX_ISSUES).join(separator);
  return items.length > MAX_ISSUES ? `${shown} (and ${items.length - MAX_ISSUES} more)` : shown;
}

function issueList(issues: SchemaIssue[]): string {
  return withRest(issues.map((i) => `${i.path}: ${i.problem}`));
}

/** Rejected by the API server: the CRD's own schema says no. */
export function crdInvalidMessage(manifest: Manifest, issues: SchemaIssue[], source: string): string {
  return `${describeRef(manifest.ref)} does not match its schema (${source}): ${issueList(issues)}: the API server rejects it and the apply fails`;
}

/**
 * Judged by the @kubernetes-models schema because the change has no CRD schema. With a
 * schema-less CRD (Traefik v2.4's) the API server accepts anything and the controller is the
 * first to trip over it: incident 000.
 */
export function modelInvalidMessage(manifest: Manifest, issues: SchemaIssue[], source: string, crdWithoutSchema: string | undefined): string {
  const why = crdWithoutSchema ? `its ${crdWithoutSchema} has no schema` : "no CRD for it in the change";
  const effect = crdWithoutSchema
    ? "the API server accepts it unvalidated, so the controller is the first to trip over it"
    : "the apply fails if the cluster's CRD has a schema; if it has none (like Traefik v2.4's), the controller is the first to trip over it";
  return `${describeRef(manifest.ref)} does not match its schema (${source}; ${why}): ${issueList(issues)}: ${effect} (${INCIDENT_000} after its pods restarted)`;
}

export function unknownFieldsMessage(manifest: Manifest, issues: SchemaIssue[], source: string): string {
  const paths = issues.map((i) => i.path);
  const what =
    paths.length === 1
      ? `field ${paths[0]} is not in the CRD schema and will be dropped by the API server`
      : `fields ${withRest(paths, ", ")} are not in the CRD schema and will be dropped by the API server`;
  return `${describeRef(manifest.ref)}: ${what} (${source}): a misspelt or misplaced setting silently does not apply`;
}

export function versionMissingMessage(manifest: Manifest, crdName: string, defined: string[], served: boolean): string {
  const what = served ? `which CRD ${crdName} does not define (it defines ${defined.join(", ") || "no versions"})` : `which CRD ${crdName} defines but does not serve`;
  return `${describeRef(manifest.ref)} uses ${manifest.ref.apiVersion}, ${what}: the API server rejects it and the apply fails`;
}

export function compileFailureMessage(manifest: Manifest, source: string, error: string): string {
  return `${describeRef(manifest.ref)} was not validated: the schema of ${source} could not be compiled (${error})`;
}

export function stringPortMessage(manifest: Manifest, ports: StringPort[], controllers: string): string {
  const list = withRest(ports.map((p) => `${p.path} is the string ${JSON.stringify(p.value)}`));
  return (
    `${describeRef(manifest.ref)}: ${list}, but ${controllers} decodes service ports as integers only: ` +
    `this one object makes the whole ${manifest.ref.kind} list fail to decode ("Port: readUint32: unexpected character"), ` +
    `so after its next restart Traefik drops every ${manifest.ref.kind} and serves 404 for every route ` +
    `(traefik issues 8098 and 6614, fixed in v2.5; incident 000)`
  );
}
