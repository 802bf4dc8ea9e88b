import { kubeKey, kubeTypeOf, type KubeObject, type LocatedObject } from "@kubegate/core";

/**
 * The Kubernetes object behind a Pulumi resource's properties, located by its URN, or undefined
 * for what is not one (providers, components, patches) and for objects whose name is not known yet.
 */
export function toLocatedObject(type: string, props: Record<string, unknown>, urn: string): LocatedObject | undefined {
  const kube = kubeTypeOf(type);
  if (!kube) return undefined;
  const { __inputs: _inputs, ...body } = plainProps(props) as Record<string, unknown>;
  const metadata = isRecord(body.metadata) ? body.metadata : {};
  if (typeof metadata.name !== "string" || metadata.name === "") return undefined;
  const object = {
    ...body,
    apiVersion: typeof body.apiVersion === "string" ? body.apiVersion : kube.apiVersion,
    kind: typeof body.kind === "string" ? body.kind : kube.kind,
    metadata,
  } as KubeObject;
  return { object, source: { file: urn, line: 1, documentIndex: 0, urn } };
}

/**
 * Plain JSON of policy properties. During a preview the engine hands policies a proxy that
 * throws on every value not known before the update (an output of another resource): those
 * values are left out, like an unset field, instead of failing the whole policy. Keys the SDKs
 * spell differently from the API server (`x_kubernetes_*`) get their Kubernetes spelling.
 */
export function plainProps(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = known(() => value[i]);
      if (item.known) out.push(plainProps(item.value));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = known(() => (value as Record<string, unknown>)[key]);
    if (item.known) out[kubeKey(key)] = plainProps(item.value);
  }
  return out;
}

function known(read: () => unknown): { known: true; value: unknown } | { known: false } {
  try {
    return { known: true, value: read() };
  } catch (error) {
    // @pulumi/policy's UnknownValueError (internal, not exported): it carries the unknown's sentinel.
    if (error instanceof Error && "unknownTypeSentinel" in error) return { known: false };
    throw error;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
