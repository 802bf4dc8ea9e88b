import { join } from "node:path";

/**
 * The environment helmfile, kustomize and the helm they run get: nothing of the caller's (no
 * tokens, cloud credentials or kubeconfig reach a repository's templates through `env`), an empty
 * PATH (a name a repository gives is not found; helm is passed by absolute path), helm's homes
 * in a fresh folder, and every HTTP(S) request sent to a closed loopback port, so a chart,
 * base or secret reference that would need the network fails at once instead of downloading.
 */
export function offlineToolEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const deadProxy = "http://127.0.0.1:9";
  return {
    PATH: "",
    HOME: home,
    TMPDIR: home,
    LANG: "C.UTF-8",
    HELM_CONFIG_HOME: join(home, "helm-config"),
    HELM_CACHE_HOME: join(home, "helm-cache"),
    HELM_DATA_HOME: join(home, "helm-data"),
    HELM_PLUGINS: join(home, "helm-plugins"),
    KUBECONFIG: join(home, "kubeconfig"),
    HTTP_PROXY: deadProxy,
    HTTPS_PROXY: deadProxy,
    http_proxy: deadProxy,
    https_proxy: deadProxy,
    NO_PROXY: "",
    no_proxy: "",
    GIT_TERMINAL_PROMPT: "0",
    ...extra,
  };
}
