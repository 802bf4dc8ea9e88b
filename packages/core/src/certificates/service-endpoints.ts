import type { Manifest, ManifestSet } from "../model/manifest.js";
import { resolveTargetPort, servicePorts, type ServicePortSpec } from "../stage/standins/target-port.js";
import { matchesServiceSelector } from "../workloads/label-selector.js";
import { podTemplate, type PodTemplate } from "../workloads/pod-template.js";
import { envoyTlsListeners, type ProxyTlsListener } from "./envoy-config.js";
import { mountedFiles, type MountedFile } from "./mounted-files.js";
import { nginxTlsListeners } from "./nginx-config.js";
import { objectValue } from "./object-data.js";
import { isCertificateKey, leafCertificate } from "./public-certificate.js";
import { invisibleCertificate, secretCertificate, shippedCertificate, type ServedCertificate } from "./served-certificate.js";
import type { TlsEndpoint } from "./tls-endpoint.js";

/** What one workload's pods terminate TLS with: certificate files, and proxy listeners read from its configuration. */
interface PodTls {
  workload: Manifest;
  certificates: Array<{ path: string; container: string; certificate: ServedCertificate }>;
  listeners: Array<ProxyTlsListener & { config: string }>;
}

const TLS_PORTS = new Set([443, 4443, 8443, 9443]);
const TLS_NAME = /https|tls|ssl/i;
const TLS_VOLUME = /tls|ssl|cert/i;

export function looksLikeTls(port: ServicePortSpec & { appProtocol?: string }, targetPort: number): boolean {
  return TLS_PORTS.has(port.port) || TLS_PORTS.has(targetPort) || TLS_NAME.test(port.name ?? "") || TLS_NAME.test(port.appProtocol ?? "");
}

function podTls(set: ManifestSet, workload: Manifest, template: PodTemplate): PodTls | undefined {
  const namespace = workload.ref.namespace ?? "default";
  const files = mountedFiles(set, namespace, template);
  if (files.length === 0) return undefined;
  const certificates: PodTls["certificates"] = [];
  const listeners: PodTls["listeners"] = [];
  for (const f of files) {
    const certificate = fileCertificate(set, f);
    if (certificate) certificates.push({ path: f.path, container: f.container, certificate });
    if (!f.object || !f.key) continue;
    const text = objectValue(f.object, f.key);
    if (!text || !/tls_certificates|tls_certificate_sds|ssl_certificate/.test(text)) continue;
    const config = `${f.kind} ${namespace}/${f.name} key ${f.key}`;
    for (const l of [...envoyTlsListeners(text), ...nginxTlsListeners(text)]) listeners.push({ ...l, config });
  }
  return certificates.length > 0 || listeners.length > 0 ? { workload, certificates, listeners } : undefined;
}

/** The certificate a mounted file holds, or undefined when it is not a certificate file. */
function fileCertificate(set: ManifestSet, f: MountedFile): ServedCertificate | undefined {
  if (!f.key) {
    // A whole Secret from outside the manifests: a certificate when its name says so.
    return f.kind === "Secret" && TLS_VOLUME.test(f.name) ? invisibleCertificate(`Secret ${f.namespace}/${f.name} (managed outside the manifests, mounted at ${f.path})`) : undefined;
  }
  if (!isCertificateKey(f.key)) return undefined;
  if (f.object) return shippedCertificate(f.object, f.key);
  return f.kind === "Secret" ? secretCertificate(set, `${f.namespace}/${f.name}`, f.key) : invisibleCertificate(`ConfigMap ${f.namespace}/${f.name} key ${f.key} (managed outside the manifests)`);
}

/** The certificate a proxy listener serves: inline, the mounted file, or a file under a mounted directory. */
function listenerCertificate(pod: PodTls, l: ProxyTlsListener & { config: string }): ServedCertificate {
  if (l.inlineCertificate) {
    const leaf = leafCertificate(l.inlineCertificate);
    if (!leaf) return invisibleCertificate(`an inline certificate of ${l.config} that does not parse`);
    return { origin: `${l.config} (inline certificate)`, visible: true, dnsNames: leaf.dnsNames, ipAddresses: leaf.ipAddresses, issuer: { kind: "x509", name: leaf.issuer }, validity: { notBefore: leaf.notBefore, notAfter: leaf.notAfter }, fingerprint: leaf.fingerprint };
  }
  const path = l.certificatePath ?? "";
  const exact = pod.certificates.find((c) => c.path === path);
  if (exact) return exact.certificate;
  const under = pod.certificates.find((c) => !c.certificate.visible && path.startsWith(`${c.path.replace(/\/+$/, "")}/`));
  return under?.certificate ?? invisibleCertificate(`${path} (not mounted from an object of the manifests)`);
}

function portEndpoint(service: Manifest, port: ServicePortSpec, targetPort: number, pod: PodTls): TlsEndpoint | undefined {
  const ns = service.ref.namespace ?? "default";
  const label = `Service ${ns}/${service.ref.name} port ${port.port}`;
  const common = { key: label, label, terminatedBy: "pod" as const, manifest: service, hosts: [], workload: pod.workload, service: { namespace: ns, name: service.ref.name, port: port.port, portName: port.name ?? "", targetPort } };
  const where = `the pods of ${pod.workload.ref.kind} ${ns}/${pod.workload.ref.name}`;
  const listener = pod.listeners.find((l) => l.port === targetPort);
  if (listener) {
    const file = listener.certificatePath ? ` serves ${listener.certificatePath}` : "";
    return { ...common, certificate: listenerCertificate(pod, listener), tiedByConfig: true, tie: `${listener.proxy} in ${where} listens with TLS on ${targetPort} (${listener.config})${file}` };
  }
  // A configuration that names its TLS ports and not this one: this port is not TLS.
  if (pod.listeners.length > 0 || pod.certificates.length === 0 || !looksLikeTls(port, targetPort)) return undefined;
  const chosen = pod.certificates.find((c) => c.certificate.visible) ?? pod.certificates[0]!;
  return {
    ...common,
    certificate: chosen.certificate,
    tiedByConfig: false,
    tie: `port ${port.name || port.port} looks like TLS and ${where} mount ${chosen.path} (container ${chosen.container}); no proxy configuration in the manifests ties a certificate to the port`,
  };
}

/** Service ports whose selected pods terminate TLS themselves, with the certificate they serve. */
export function serviceTlsEndpoints(set: ManifestSet): TlsEndpoint[] {
  const workloads = new Map<string, Array<{ manifest: Manifest; template: PodTemplate }>>();
  for (const m of set.manifests) {
    const template = podTemplate(m.object);
    if (!template) continue;
    const ns = m.ref.namespace ?? "default";
    workloads.set(ns, [...(workloads.get(ns) ?? []), { manifest: m, template }]);
  }
  const pods = new Map<Manifest, PodTls | undefined>();
  const out: TlsEndpoint[] = [];
  for (const service of set.manifests) {
    if (service.group !== "" || service.ref.kind !== "Service") continue;
    const selector = (service.object.spec as { selector?: Record<string, string> } | undefined)?.selector;
    const selected = (workloads.get(service.ref.namespace ?? "default") ?? []).filter((w) => matchesServiceSelector(selector, w.template.labels));
    for (const port of servicePorts(service)) {
      if ((port.protocol ?? "TCP").toUpperCase() !== "TCP") continue;
      const targetPort = resolveTargetPort(service, port, set).port;
      for (const w of selected) {
        if (!pods.has(w.manifest)) pods.set(w.manifest, podTls(set, w.manifest, w.template));
        const pod = pods.get(w.manifest);
        const endpoint = pod && portEndpoint(service, port, targetPort, pod);
        if (endpoint) {
          out.push(endpoint);
          break;
        }
      }
    }
  }
  return out;
}
