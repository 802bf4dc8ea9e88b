/** Small object builders for the certificate-map tests (not part of the library's API). */
import { dump } from "js-yaml";
import { buildSides } from "../../check/build-sides.js";
import { parseSources } from "../../load/load-manifests.js";
import type { ManifestSet } from "../../model/manifest.js";

/** One side from objects (YAML documents), as the loader would produce it. */
export function side(objects: object[]): ManifestSet {
  const text = objects.map((o) => dump(o)).join("---\n");
  return buildSides(parseSources([{ file: "head.yaml", text, format: "yaml" }]), [], {}).base;
}

export const pod = (name: string, volumes: object[], mounts: object[], ports = [{ name: "tls", containerPort: 8443 }]) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace: "ns" },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "proxy", image: "p:1", ports, volumeMounts: mounts }], volumes } } },
});
export const service = (name: string, port: object) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "ns" }, spec: { selector: { app: name }, ports: [port] } });

