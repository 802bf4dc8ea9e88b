/**
 * A minimal REST client for applying users' objects exactly as written. client-node's
 * KubernetesObjectApi serializes known kinds through its typed models, which read camelCase
 * model names: wire keys such as `x-kubernetes-int-or-string` in a CRD schema are dropped, and
 * fields newer than the client's models would be too. Here the JSON goes to the API server as is;
 * client-node only supplies the credentials (kubeconfig).
 */
import { Agent, request, type RequestOptions } from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";

export class KubeHttpError extends Error {
  override name = "KubeHttpError";
  constructor(
    readonly code: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${code}: ${statusMessage(body) ?? body.slice(0, 300)}`);
  }
}

export function statusMessage(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return undefined;
  }
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

export class RawKubeClient {
  private readonly resources = new Map<string, ApiResource[]>();
  /** One TLS session reused across requests: a handshake per object dominated big applies. */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 16 });
  /** Credentials and TLS options from the kubeconfig, read once per client. */
  private credentials?: Promise<RequestOptions>;

  constructor(
    private readonly kc: KubeConfig,
    private readonly defaultNamespace = "default",
  ) {}

  async request(method: string, path: string, body?: string, contentType = "application/json"): Promise<{ status: number; body: string }> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster) throw new Error("kubeconfig has no current cluster");
    const url = new URL(path, cluster.server);
    const credentials = await this.credentialOptions();
    const options: RequestOptions = {
      ...credentials,
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers: { ...credentials.headers, accept: "application/json", ...(body !== undefined ? { "content-type": contentType, "content-length": Buffer.byteLength(body) } : {}) },
      agent: this.agent,
      timeout: 30_000,
    };
    return new Promise((resolve, reject) => {
      const req = request(options, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${path} timed out`)));
      req.on("error", reject);
      req.end(body);
    });
  }

  /**
   * client-node's applyToHTTPSOptions reads the certificate files and sets a new https.Agent on
   * every call: used per request, each request opened its own TLS connection (a handshake and a
   * secure context per object: most of the client's CPU on a thousand-object apply). Here the
   * options are read once and the requests share this client's kept-alive agent.
   */
  private credentialOptions(): Promise<RequestOptions> {
    this.credentials ??= (async () => {
      const options: RequestOptions = { headers: {} };
      await this.kc.applyToHTTPSOptions(options);
      const { agent: _perCall, ...rest } = options;
      return rest;
    })();
    return this.credentials;
  }

  /** Closes the kept-alive connections (otherwise they hold the process open for a while). */
  close(): void {
    this.agent.destroy();
  }

  /** Plural name and scope of a kind, from API discovery (refreshed when the kind is not known yet). */
  async resourceFor(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    const cached = this.resources.get(apiVersion)?.find((r) => r.kind === kind);
    if (cached) return cached;
    const answer = await this.request("GET", groupVersionPath(apiVersion));
    if (answer.status === 404) return undefined;
    if (answer.status !== 200) throw new KubeHttpError(answer.status, answer.body, `discovery of ${apiVersion}`);
    const list = ((JSON.parse(answer.body) as { resources?: ApiResource[] }).resources ?? []).filter((r) => !r.name.includes("/"));
    this.resources.set(apiVersion, list);
    return list.find((r) => r.kind === kind);
  }

  /** Server-side apply of one object as written. */
  async apply(object: ObjectRef, fieldManager: string): Promise<void> {
    const { apiVersion, kind } = object;
    const name = object.metadata?.name;
    const what = `${kind ?? "?"} ${object.metadata?.namespace ? `${object.metadata.namespace}/` : ""}${name ?? "?"}`;
    if (!apiVersion || !kind || !name) throw new Error(`${what}: apiVersion, kind and metadata.name are required`);
    const resource = await this.resourceFor(apiVersion, kind);
    if (!resource) throw new UnknownKindError(`${what}: the API server does not serve ${kind} in ${apiVersion}`);
    const namespace = resource.namespaced ? (object.metadata?.namespace ?? this.defaultNamespace) : undefined;
    const path = `${groupVersionPath(apiVersion)}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/${resource.name}/${encodeURIComponent(name)}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`;
    const { namespace: _written, ...metadata } = object.metadata ?? {};
    const body = JSON.stringify({ ...object, metadata: namespace ? { ...metadata, namespace } : metadata });
    const answer = await this.request("PATCH", path, body, "application/apply-patch+yaml");
    if (answer.status < 200 || answer.status > 299) throw new KubeHttpError(answer.status, answer.body, what);
  }

  /** Deletes one object now (Orphan: staging runs no garbage collector to honour Foreground); an object or kind that is already gone is not an error. */
  async delete(object: ObjectRef): Promise<void> {
    const { apiVersion, kind } = object;
    const name = object.metadata?.name;
    if (!apiVersion || !kind || !name) return;
    const resource = await this.resourceFor(apiVersion, kind);
    if (!resource) return;
    const namespace = resource.namespaced ? (object.metadata?.namespace ?? this.defaultNamespace) : undefined;
    const path = `${groupVersionPath(apiVersion)}${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/${resource.name}/${encodeURIComponent(name)}?propagationPolicy=Orphan`;
    const answer = await this.request("DELETE", path);
    if (answer.status === 404) return;
    if (answer.status < 200 || answer.status > 299) throw new KubeHttpError(answer.status, answer.body, `delete ${kind} ${namespace ? `${namespace}/` : ""}${name}`);
  }
}

export class UnknownKindError extends Error {
  override name = "UnknownKindError";
}

function groupVersionPath(apiVersion: string): string {
  return apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
}
