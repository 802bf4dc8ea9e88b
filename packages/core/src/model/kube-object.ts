/** A Kubernetes object as written in a manifest: only apiVersion, kind and metadata are guaranteed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** Where an object came from, so every message can point at a file, a line and a document. */
export interface SourceLocation {
  file: string;
  /** 1-based line of the document's first line. */
  line: number;
  /** 0-based index of the YAML document within the file. */
  documentIndex: number;
  /** Helm `# Source:` comment of the document, when rendered by `helm template`. */
  helmSource?: string;
  /** Helm release the document was rendered for (set by the Helm loader). */
  release?: string;
  /** Pulumi resource URN, when the object comes from a `pulumi preview --json` (load/pulumi-preview). */
  urn?: string;
  /**
   * Set when the tool that applies the object already plans to delete and recreate it (a Pulumi
   * preview's replace step), with its reasons: the diff makes the change a replace even when the
   * fields kubegate compares do not force one.
   */
  plannedReplace?: string[];
  /**
   * Positions in the object that the source marks secret although no rule would guess it (a
   * Pulumi secret in a ConfigMap or a Deployment): masked wherever the object is rendered.
   */
  secretPaths?: Array<Array<string | number>>;
}

/** The identity of a resource as printed in reports and JSON output. */
export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}
