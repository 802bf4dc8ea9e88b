import { load } from "js-yaml";

/** A port a proxy of the pod terminates TLS on, and the certificate file (or inline PEM) it serves there. */
export interface ProxyTlsListener {
  proxy: "envoy" | "nginx";
  port: number;
  certificatePath?: string;
  /** A certificate written into the configuration itself (envoy `inline_string`). */
  inlineCertificate?: string;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null;

/** Envoy bootstrap (YAML or JSON): static listeners, their `tls_certificates` and SDS secrets by name. */
export function envoyTlsListeners(text: string): ProxyTlsListener[] {
  let doc: unknown;
  try {
    doc = load(text);
  } catch {
    return [];
  }
  const resources = isNode(doc) && isNode(doc.static_resources) ? doc.static_resources : undefined;
  if (!resources || !Array.isArray(resources.listeners)) return [];
  const sds = new Map<string, unknown>();
  for (const s of Array.isArray(resources.secrets) ? resources.secrets : []) if (isNode(s) && typeof s.name === "string") sds.set(s.name, s.tls_certificate);
  const out: ProxyTlsListener[] = [];
  for (const listener of resources.listeners) {
    if (!isNode(listener)) continue;
    const port = Number((listener.address as { socket_address?: { port_value?: unknown } } | undefined)?.socket_address?.port_value);
    if (!Number.isInteger(port)) continue;
    for (const chain of certificateChains(listener, sds)) {
      out.push({ proxy: "envoy", port, ...(chain.filename ? { certificatePath: chain.filename } : {}), ...(chain.inline ? { inlineCertificate: chain.inline } : {}) });
    }
  }
  return out;
}

/** `certificate_chain`s under `tls_certificates` and `tls_certificate_sds_secret_configs` (static secrets), anywhere in a listener. */
function certificateChains(node: unknown, sds: Map<string, unknown>): Array<{ filename?: string; inline?: string }> {
  const out: Array<{ filename?: string; inline?: string }> = [];
  const chainOf = (certificate: unknown): void => {
    const chain = isNode(certificate) && isNode(certificate.certificate_chain) ? certificate.certificate_chain : undefined;
    if (typeof chain?.filename === "string") out.push({ filename: chain.filename });
    else if (typeof chain?.inline_string === "string") out.push({ inline: chain.inline_string });
  };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!isNode(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (key === "tls_certificates" && Array.isArray(child)) child.forEach(chainOf);
      else if (key === "tls_certificate_sds_secret_configs" && Array.isArray(child)) child.forEach((c) => chainOf(isNode(c) && typeof c.name === "string" ? sds.get(c.name) : undefined));
      else walk(child);
    }
  };
  walk(node);
  return out;
}
