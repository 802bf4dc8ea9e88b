import type { KubeObject } from "../model/kube-object.js";

/**
 * Kubernetes 1.22 stopped serving apiextensions.k8s.io/v1beta1, but incident 000's cluster (and
 * many old charts) used it. Staging converts such a CRD to v1 with the same meaning: its
 * validation schema as is, or, without one, a root that accepts any field, exactly what the
 * schema-less v1beta1 CRD accepted. Returns undefined for anything else.
 */
export function v1beta1CrdToV1(object: KubeObject): KubeObject | undefined {
  if (object.kind !== "CustomResourceDefinition" || object.apiVersion !== "apiextensions.k8s.io/v1beta1") return undefined;
  const spec = (object.spec ?? {}) as Record<string, unknown> & {
    version?: string;
    versions?: Array<Record<string, unknown> & { name: string }>;
    validation?: { openAPIV3Schema?: unknown };
    subresources?: unknown;
    additionalPrinterColumns?: Array<Record<string, unknown>>;
  };
  const { version, versions, validation, subresources, additionalPrinterColumns, preserveUnknownFields: _p, ...rest } = spec;
  const schemaOf = (v?: { schema?: { openAPIV3Schema?: unknown } }) => ({ openAPIV3Schema: v?.schema?.openAPIV3Schema ?? validation?.openAPIV3Schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true } });
  const list = versions?.length ? versions : [{ name: version ?? "v1", served: true, storage: true }];
  return {
    ...object,
    apiVersion: "apiextensions.k8s.io/v1",
    spec: {
      ...rest,
      versions: list.map((v) => ({
        ...v,
        served: v.served ?? true,
        storage: v.storage ?? list.length === 1,
        schema: schemaOf(v as { schema?: { openAPIV3Schema?: unknown } }),
        ...(subresources && !v.subresources ? { subresources } : {}),
        ...(additionalPrinterColumns && !v.additionalPrinterColumns ? { additionalPrinterColumns: additionalPrinterColumns.map(({ JSONPath, ...c }) => ({ ...c, jsonPath: JSONPath })) } : {}),
      })),
    },
  };
}
