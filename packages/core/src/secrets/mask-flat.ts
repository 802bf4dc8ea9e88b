import type { KubeObject } from "../model/kube-object.js";
import type { FlatObject } from "../diff/flatten.js";
import { looksLikeCredential } from "./credential-keys.js";
import { MASK } from "./mask.js";
import type { SecretRegistry } from "./secret-registry.js";

const LAST_APPLIED_PATH = 'metadata.annotations."kubectl.kubernetes.io/last-applied-configuration"';
const ENV_VALUE = /\.env\[(?:name=([^\]]*)|(\d+))\]\.value$/;

/**
 * The flattened-path twin of maskPair: masks leaf values of both sides at once, so the diff
 * compares masked values without deep-cloning every object. Same markers as maskPair.
 */
export function maskFlatPair(base: KubeObject | undefined, flatBase: FlatObject, head: KubeObject | undefined, flatHead: FlatObject, registry?: SecretRegistry): [FlatObject, FlatObject] {
  return [maskFlat(base, flatBase, flatHead, "before", registry), maskFlat(head, flatHead, flatBase, "after", registry)];
}

function maskFlat(object: KubeObject | undefined, flat: FlatObject, other: FlatObject, side: "before" | "after", registry?: SecretRegistry): FlatObject {
  if (!object) return flat;
  const isSecret = object.kind === "Secret" && !object.apiVersion.includes("/");
  const isConfigMap = object.kind === "ConfigMap";
  let out: FlatObject | undefined;
  for (const [path, value] of flat) {
    if (!isSecretPath(path, flat, isSecret, isConfigMap)) continue;
    registry?.add(value);
    out ??= new Map(flat);
    out.set(path, JSON.stringify(value) === JSON.stringify(other.get(path)) ? MASK : `${MASK} (${side})`);
  }
  return out ?? flat;
}

function isSecretPath(path: string, flat: FlatObject, isSecret: boolean, isConfigMap: boolean): boolean {
  if (isSecret && (path.startsWith("data.") || path.startsWith("stringData.") || path === LAST_APPLIED_PATH)) return true;
  if (isConfigMap && (path.startsWith("data.") || path.startsWith("binaryData."))) return looksLikeCredential(unquote(path.slice(path.indexOf(".") + 1)));
  const env = ENV_VALUE.exec(path);
  if (!env) return false;
  const name = env[1] ?? flat.get(`${path.slice(0, -".value".length)}.name`);
  return typeof name === "string" && looksLikeCredential(name);
}

const unquote = (key: string): string => (key.startsWith('"') && key.endsWith('"') ? key.slice(1, -1) : key);
