import { describeRef } from "../../normalize/index.js";
import { routeTable } from "../../routes/index.js";
import { findIngressControllers, podTemplate, type Container, type IngressController } from "../../workloads/index.js";
import { defineRule } from "../rule.js";
import { mountedConfigFiles, parseStaticConfig, staticConfigFiles } from "./config-files.js";
import { acmeFromArgs, acmeFromConfig, acmeFromEnv, type AcmeSetting } from "./static-config.js";
import { storageLocation, type MountBacking, type StorageLocation } from "./storage-volume.js";

/** Traefik's default when a resolver names no storage: a file in the working directory. */
const DEFAULT_STORAGE = "acme.json";

export default defineRule({
  meta: {
    id: "acme-storage-ephemeral",
    severity: "high",
    summary: "Traefik keeps its ACME (Let's Encrypt) certificates on storage that does not survive a pod restart.",
    incidents: ["002"],
    remediation:
      "Put the ACME storage file on a persistentVolumeClaim (Helm chart: persistence.enabled: true, path = the storage directory), keep other volumes (configMap, secret) off that directory, and run one replica per storage file.",
  },
  check({ head, changes, options, report }) {
    const changed = new Set(changes.filter((c) => c.op !== "delete" && c.head).map((c) => c.key));
    const routes = routeTable(head);
    for (const controller of findIngressControllers(head, options.ingressControllers)) {
      if (controller.family !== "traefik") continue;
      const template = podTemplate(controller.manifest.object);
      if (!template) continue;
      const container = controller.container as Container & { workingDir?: string; env?: Array<{ name: string; value?: string }> };
      const workingDir = container.workingDir ?? "/";
      const files = mountedConfigFiles(head, controller.manifest.ref.namespace ?? "default", template, container);
      // Only a change that touches Traefik or its config rolls its pods: that restart is when certificates are lost.
      if (!changed.has(controller.manifest.key) && !files.some((f) => changed.has(f.configMap.key))) continue;

      const fromArgs = acmeFromArgs([...(container.command ?? []), ...(container.args ?? [])]);
      const settings: AcmeSetting[] = [
        ...fromArgs.settings,
        ...acmeFromEnv(container.env ?? []),
        ...staticConfigFiles(files, fromArgs.configFile, workingDir).flatMap((f) =>
          acmeFromConfig(parseStaticConfig(f), `${f.path} from ${describeRef(f.configMap.ref)}`),
        ),
      ];
      for (const [storage, group] of groupByStorage(settings)) {
        const location = storageLocation(storage ?? DEFAULT_STORAGE, template, container);
        if (location.persistent !== false && !location.conflict) continue;
        const hosts = routes
          .filter((r) => r.tls?.certResolver && group.resolvers.has(r.tls.certResolver.toLowerCase()))
          .flatMap((r) => r.hosts);
        report({ manifest: controller.manifest, message: message(controller, group, storage, location, [...new Set(hosts)]) });
      }
    }
  },
});

interface StorageGroup {
  resolvers: Set<string>;
  sources: Set<string>;
}

/** Resolvers sharing one storage file are one finding; a resolver named in several sources takes the storage any of them sets. */
function groupByStorage(settings: AcmeSetting[]): Map<string | undefined, StorageGroup> {
  const storageOf = new Map<string, string | undefined>();
  for (const s of settings) if (!storageOf.has(s.resolver) || s.storage) storageOf.set(s.resolver, s.storage ?? storageOf.get(s.resolver));
  const groups = new Map<string | undefined, StorageGroup>();
  for (const s of settings) {
    const storage = storageOf.get(s.resolver);
    const group = groups.get(storage) ?? { resolvers: new Set(), sources: new Set() };
    group.resolvers.add(s.resolver);
    if (s.storage) group.sources.add(s.source);
    groups.set(storage, group);
  }
  return groups;
}

function message(controller: IngressController, group: StorageGroup, storage: string | undefined, location: StorageLocation, hosts: string[]): string {
  const resolvers = [...group.resolvers].map((r) => `"${r}"`).join(", ");
  const setBy = storage === undefined ? " (no storage set: Traefik's default acme.json in the working directory)" : ` (set by ${[...group.sources].join(", ")})`;
  const affected = hosts.length > 0 ? `; hosts using ${group.resolvers.size > 1 ? "these resolvers" : "this resolver"}: ${hosts.slice(0, 8).join(", ")}${hosts.length > 8 ? ` and ${hosts.length - 8} more` : ""}` : "";
  return (
    `Traefik ${describeRef(controller.manifest.ref)} keeps the ACME certificates of resolver ${resolvers} in ${location.path}${setBy}, ${where(location)}: ` +
    `every restart or reschedule loses them and Traefik requests them again, and Let's Encrypt issues at most 5 duplicate certificates per week for the same names, ` +
    `after which the resolver's hosts get no valid certificate until the week is over (incident 002)${affected}`
  );
}

function where(location: StorageLocation): string {
  if (location.mounts.length === 0) return "on the container's own filesystem (no volume is mounted there), which is discarded with the pod";
  if (location.conflict) {
    const mountPath = location.mounts[0]!.mountPath;
    const list = location.mounts.map((m) => `"${m.volume}" (${m.type})`).join(", ");
    const persistent = location.mounts.filter((m) => m.persistent).length;
    return `where ${location.mounts.length} volumes are mounted at the same path ${mountPath}: ${list}. These conflicting mounts (the API server rejects duplicate mountPaths) leave the certificates on ${persistent === 0 ? "no persistent volume at all" : "a volume that may not be the persistent one"}`;
  }
  const m = location.mounts[0]!;
  return `on volume "${m.volume}" (${m.type}) mounted at ${m.mountPath}, which ${whyEphemeral(m)}`;
}

function whyEphemeral(m: MountBacking): string {
  if (m.type === "configMap" || m.type === "secret" || m.type === "projected" || m.type === "downwardAPI") return `is read-only and rebuilt from its ${m.type} on every start`;
  if (m.type === "hostPath") return "stays on one node (a pod rescheduled to another node starts without it)";
  return "is deleted with the pod";
}
