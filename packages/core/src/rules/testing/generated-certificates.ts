import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCertificateAuthority, type CertificateAuthority } from "../../stage/tls/certificate-authority.js";

/**
 * Fixture cases that need real certificates list them in `certificates.json` instead of committing
 * PEM (and never a private key):
 *
 *   { "<id>": { "dnsNames": [...], "ips": [...], "issuer": "Example CA", "validFromDays": -1, "validForDays": 365 } }
 *
 * and write `{{cert-base64:<id>}}` (a Secret's `data`) or `{{cert-pem:<id>}}` (inside a YAML
 * double-quoted string: newlines as `\n`) in base.yaml/head.yaml. Certificates of the same issuer
 * share one CA; validity is relative to now. Keys are generated in memory and dropped.
 */
export interface CertificateSpec {
  dnsNames?: string[];
  ips?: string[];
  issuer?: string;
  /** Days from now the certificate becomes valid (default -1). */
  validFromDays?: number;
  /** Days it stays valid from then (default 365). */
  validForDays?: number;
}

const DAY = 24 * 60 * 60 * 1000;

async function issueAll(specs: Record<string, CertificateSpec>): Promise<Map<string, string>> {
  const cas = new Map<string, Promise<CertificateAuthority>>();
  const pems = new Map<string, string>();
  for (const [id, spec] of Object.entries(specs)) {
    const issuer = spec.issuer ?? "kubegate fixture CA";
    if (!cas.has(issuer)) cas.set(issuer, createCertificateAuthority({ name: issuer }));
    const ca = await cas.get(issuer)!;
    const notBefore = new Date(Date.now() + (spec.validFromDays ?? -1) * DAY);
    const notAfter = new Date(notBefore.getTime() + (spec.validForDays ?? 365) * DAY);
    const { cert } = await ca.issue({ subject: `CN=${spec.dnsNames?.[0] ?? id}`, usage: "server", dnsNames: spec.dnsNames ?? [], ips: spec.ips ?? [], validity: { notBefore, notAfter } });
    pems.set(id, cert);
  }
  return pems;
}

function fill(text: string, pems: Map<string, string>, file: string): string {
  return text.replace(/\{\{cert-(base64|pem):([\w.-]+)\}\}/g, (_, form: string, id: string) => {
    const pem = pems.get(id);
    if (!pem) throw new Error(`${file}: certificate ${id} is not listed in certificates.json`);
    return form === "base64" ? Buffer.from(pem).toString("base64") : pem.replace(/\n/g, "\\n");
  });
}

/**
 * For a case with `certificates.json`: a temporary folder with its base.yaml/head.yaml, the
 * certificates filled in (same lines as the originals). Undefined for other cases.
 */
export async function materializeCertificates(caseDir: string): Promise<string | undefined> {
  const specFile = join(caseDir, "certificates.json");
  if (!existsSync(specFile)) return undefined;
  const pems = await issueAll(JSON.parse(await readFile(specFile, "utf8")) as Record<string, CertificateSpec>);
  const dir = await mkdtemp(join(tmpdir(), "kubegate-fixture-"));
  for (const name of ["base.yaml", "head.yaml"]) {
    const file = join(caseDir, name);
    if (existsSync(file)) await writeFile(join(dir, name), fill(await readFile(file, "utf8"), pems, file));
  }
  return dir;
}
