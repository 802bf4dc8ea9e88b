/**
 * Traefik in a real local cluster: etcd + kube-apiserver in a sandbox, the Traefik v3.6 CRDs,
 * an Ingress and an IngressRoute, stand-in backends, and Traefik run as a process from the
 * args of its Deployment manifest. Requests through Traefik's `web` entrypoint must land on the
 * right stand-in, before and after a restart; teardown must leave nothing behind.
 *
 * Builds etcd, kube-apiserver and Traefik v3 from Go modules on first use (minutes); never skips.
 */
import { existsSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import type { KubernetesObject } from "@kubernetes/client-node";
import yaml from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../../log/logger.js";
import { StagingError } from "../../cluster/cluster-provider.js";
import type { KubeObject } from "../../../model/kube-object.js";
import { normalize } from "../../../normalize/normalize.js";
import { traefikCrdsDir } from "../../tools/traefik-crds.js";
import { findIngressControllers } from "../../../workloads/ingress-controllers.js";
import { applyManifests } from "../../apply/apply-manifests.js";
import { LocalProvider } from "../../providers/local/local-provider.js";
import { findRunProcesses } from "../../sandbox/find-run-processes.js";
import { STANDIN_HEADER, type EchoAnswer } from "../../standins/echo-protocol.js";
import { planStandins } from "../../standins/plan.js";
import { startStandins } from "../../standins/start-standins.js";
import { ensureTool, toolPath, toolsDir } from "../../tools/build-tool.js";
import { TraefikAdapter } from "./traefik-adapter.js";

const MANIFESTS = `
apiVersion: v1
kind: Namespace
metadata: { name: traefik }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: traefik, namespace: traefik }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: traefik-traefik }
rules:
  - apiGroups: [""]
    resources: [services, secrets, nodes, configmaps]
    verbs: [get, list, watch]
  - apiGroups: [discovery.k8s.io]
    resources: [endpointslices]
    verbs: [list, watch]
  - apiGroups: [extensions, networking.k8s.io]
    resources: [ingresses, ingressclasses]
    verbs: [get, list, watch]
  - apiGroups: [extensions, networking.k8s.io]
    resources: [ingresses/status]
    verbs: [update]
  - apiGroups: [traefik.io]
    resources: [middlewares, middlewaretcps, ingressroutes, traefikservices, ingressroutetcps, ingressrouteudps, tlsoptions, tlsstores, serverstransports, serverstransporttcps]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: traefik-traefik }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: traefik-traefik }
subjects: [{ kind: ServiceAccount, name: traefik, namespace: traefik }]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: traefik
  annotations: { ingressclass.kubernetes.io/is-default-class: "true" }
spec: { controller: traefik.io/ingress-controller }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: traefik, namespace: traefik, labels: { app.kubernetes.io/name: traefik } }
spec:
  replicas: 2
  selector: { matchLabels: { app.kubernetes.io/name: traefik } }
  template:
    metadata: { labels: { app.kubernetes.io/name: traefik } }
    spec:
      serviceAccountName: traefik
      containers:
        - name: traefik
          image: docker.io/traefik:v3.6.15
          args:
            - --entryPoints.metrics.address=:9100/tcp
            - --entryPoints.traefik.address=:8080/tcp
            - --entryPoints.web.address=:8000/tcp
            - --entryPoints.websecure.address=:8443/tcp
            - --entryPoints.websecure.http.tls=true
            - --api.dashboard=true
            - --ping=true
            - --metrics.prometheus=true
            - --metrics.prometheus.entrypoint=metrics
            - --providers.kubernetescrd
            - --providers.kubernetescrd.allowCrossNamespace=false
            - --providers.kubernetescrd.allowExternalNameServices=true
            - --providers.kubernetescrd.allowEmptyServices=true
            - --providers.kubernetesingress
            - --providers.kubernetesingress.allowExternalNameServices=true
            - --providers.kubernetesingress.allowEmptyServices=true
            - --providers.kubernetesingress.ingressendpoint.publishedservice=traefik/traefik
            - --certificatesresolvers.le.acme.email=ops@example.com
            - --certificatesresolvers.le.acme.storage=/data/acme.json
            - --certificatesresolvers.le.acme.tlschallenge=true
            - --log.level=WARN
            - --accesslog=true
            - --global.checknewversion
            - --global.sendanonymoususage
          ports:
            - { name: metrics, containerPort: 9100 }
            - { name: traefik, containerPort: 8080 }
            - { name: web, containerPort: 8000 }
            - { name: websecure, containerPort: 8443 }
---
apiVersion: v1
kind: Service
metadata: { name: traefik, namespace: traefik }
spec:
  type: LoadBalancer
  selector: { app.kubernetes.io/name: traefik }
  ports:
    - { name: web, port: 80, targetPort: web }
    - { name: websecure, port: 443, targetPort: websecure }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: storefront, namespace: shop }
spec:
  selector: { matchLabels: { app: storefront } }
  template:
    metadata: { labels: { app: storefront } }
    spec:
      containers: [{ name: web, image: shop/storefront:1.4.2, ports: [{ name: http, containerPort: 8080 }] }]
---
apiVersion: v1
kind: Service
metadata: { name: storefront, namespace: shop }
spec:
  selector: { app: storefront }
  ports: [{ name: http, port: 80, targetPort: http }]
---
apiVersion: v1
kind: Service
metadata: { name: api, namespace: shop }
spec:
  selector: { app: api }
  ports: [{ port: 8080, targetPort: 3000 }] # unnamed: its EndpointSlice port is named ""
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: storefront, namespace: shop }
spec:
  ingressClassName: traefik
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: storefront, port: { name: http } } } }
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: api, namespace: shop }
spec:
  entryPoints: [web]
  routes:
    - match: Host(\`api.example.com\`) && PathPrefix(\`/v1\`)
      kind: Rule
      services: [{ name: api, port: 8080 }]
`;

const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), debug: () => {} };

async function loadCrds(): Promise<KubeObject[]> {
  const dir = await traefikCrdsDir("v3.6.15");
  const docs: KubeObject[] = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort()) {
    for (const doc of yaml.loadAll(await readFile(join(dir, file), "utf8"))) if (doc && typeof doc === "object") docs.push(doc as KubeObject);
  }
  return docs;
}

function probe(port: number, host: string, path: string): Promise<{ status: number; standin?: string; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, headers: { host }, agent: false, timeout: 5_000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ...(res.headers[STANDIN_HEADER] ? { standin: String(res.headers[STANDIN_HEADER]) } : {}), body }));
    })
      .on("timeout", function (this: { destroy(e: Error): void }) {
        this.destroy(new Error("probe timed out"));
      })
      .on("error", reject)
      .end();
  });
}

/** Routers are live once the API lists them; a few retries cover the last reload tick. */
async function probeUntil200(port: number, host: string, path: string): Promise<{ status: number; standin?: string; body: string }> {
  let last: { status: number; standin?: string; body: string } = { status: 0, body: "" };
  for (let i = 0; i < 20; i++) {
    last = await probe(port, host, path);
    if (last.status === 200) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

beforeAll(async () => {
  // Builds on first use (minutes); waits if another process is building the same tool.
  for (const tool of ["etcd", "kube-apiserver", "traefik-v3"] as const) await ensureTool(tool, { log: (l) => lines.push(l) });
}, 45 * 60_000);

describe("Traefik v3.6 in a local staging cluster", () => {
  it("routes an Ingress and an IngressRoute to their stand-ins, again after a restart, and tears down without leftovers", async () => {
    const runId = `test-traefik-${process.pid}-${Date.now().toString(36)}`;
    const objects = yaml.loadAll(MANIFESTS).filter(Boolean) as KubeObject[];
    const crds = await loadCrds();
    const set = normalize([...crds, ...objects].map((object, documentIndex) => ({ object: structuredClone(object), source: { file: "manifests.yaml", line: 1, documentIndex } })));
    const [controller, ...others] = findIngressControllers(set);
    expect(others).toEqual([]);
    expect(controller?.version).toBe("v3.6.15");

    const t0 = Date.now();
    const cluster = await new LocalProvider().create({ runId, logger });
    const clusterMs = Date.now() - t0;
    let firstRouteMs = 0;
    let restartMs = 0;
    let teardownMs = 0;
    const phases: Record<string, number> = {};
    let notes: readonly string[] = [];
    try {
      let t = Date.now();
      const applied = await applyManifests(cluster.kubeconfigPath, [...crds, ...objects] as KubernetesObject[], { logger });
      expect(applied.applied).toHaveLength(crds.length + objects.length);
      phases["apply"] = Date.now() - t;

      t = Date.now();
      const standins = await startStandins(cluster, planStandins(set), { logger });
      phases["standins"] = Date.now() - t;
      expect(standins.plan.services.map((s) => `${s.namespace}/${s.name} ${s.address} ${s.ports.map((p) => `${p.name}:${p.port}->${p.targetPort}`).join(",")}`)).toEqual([
        "shop/api 198.18.1.1 :8080->3000",
        "shop/storefront 198.18.1.2 http:80->8080",
      ]);

      t = Date.now();
      const traefik = await new TraefikAdapter().start(cluster, controller!, { manifests: set, logger });
      phases["traefik-ready"] = Date.now() - t;
      notes = traefik.notes;
      // The exact 3.6.15 runs when its build is in the tools dir; otherwise the pinned 3.6.25, said so.
      if (existsSync(toolPath("traefik-v3", "v3.6.15"))) {
        expect(traefik.version).toBe("3.6.15");
        expect(traefik.versionNote).toBeUndefined();
      } else {
        expect(traefik.version).toBe("3.6.25");
        expect(traefik.versionNote).toBe("manifests run Traefik 3.6.15; staging runs 3.6.25 (same minor; build the exact one with `build-tools-cli traefik-v3@v3.6.15`)");
      }
      expect(traefik.notes.some((n) => n.includes("cluster-admin"))).toBe(false); // the manifests' RBAC is used
      expect(Object.keys(traefik.entrypoints).sort()).toEqual(["metrics", "traefik", "web", "websecure"]);

      t = Date.now();
      // The Ingress gets a router per entrypoint kind (web, and websecure which has TLS on), the IngressRoute one.
      const synced = await traefik.waitSynced({ expectRouters: 3 });
      phases["traefik-synced"] = Date.now() - t;
      expect(synced.routers).toEqual([
        expect.stringMatching(/^shop-api-[0-9a-f]+@kubernetescrd$/),
        "shop-storefront-shop-example-com@kubernetes",
        "websecure-shop-storefront-shop-example-com@kubernetes",
      ]);
      expect(synced.errors).toEqual([]);

      const web = traefik.entrypoints["web"]!;
      const check = async (): Promise<void> => {
        const shop = await probeUntil200(web, "shop.example.com", "/cart?id=7");
        expect(shop.status, shop.body).toBe(200);
        expect(shop.standin).toBe("shop/storefront:8080");
        expect(JSON.parse(shop.body) as EchoAnswer).toEqual({ namespace: "shop", service: "storefront", port: 8080, path: "/cart?id=7", host: "shop.example.com" });
        const api = await probeUntil200(web, "api.example.com", "/v1/orders");
        expect(api.status, api.body).toBe(200);
        expect(JSON.parse(api.body) as EchoAnswer).toEqual({ namespace: "shop", service: "api", port: 3000, path: "/v1/orders", host: "api.example.com" });
        // No route: Traefik's own 404, not a stand-in.
        const none = await probe(web, "unknown.example.com", "/");
        expect(none.status).toBe(404);
        expect(none.standin).toBeUndefined();
      };
      await check();
      firstRouteMs = Date.now() - t0;

      t = Date.now();
      const again = await traefik.restart({ expectRouters: 3 });
      expect(again.routers).toEqual(synced.routers);
      await check();
      restartMs = Date.now() - t;
      phases["restart-sync"] = again.elapsedMs;

      let failedEarly = false;
      void traefik.failed.then(() => (failedEarly = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(failedEarly).toBe(false); // a restart is not a failure

      // A crash (not stop/restart) resolves `failed` with Traefik's last log lines.
      const traefikProcess = (await findRunProcesses(runId)).find((p) => p.command.startsWith(join(toolsDir(), "traefik-v3-")));
      expect(traefikProcess).toBeDefined();
      process.kill(traefikProcess!.pid, "SIGKILL");
      const failure = await traefik.failed;
      expect(failure).toBeInstanceOf(StagingError);
      expect(failure.message).toMatch(/^Traefik 3\.6\.25 \(traefik\/traefik\) died during the run \(killed by SIGKILL\); its last log lines:\n/);
      expect(failure.logs["traefik"]).toContain("Traefik version 3.6.25");
      // ... and restart() brings it back.
      await traefik.restart({ expectRouters: 3 });
      await check();

      t = Date.now();
      await traefik.stop();
      await standins.stop();
      await cluster.stop();
      teardownMs = Date.now() - t;
    } finally {
      await cluster.stop();
    }
    expect(await findRunProcesses(runId)).toEqual([]);
    expect(await exists(cluster.dir)).toBe(false);
    console.log(
      [
        `cluster ready: ${clusterMs} ms; ${Object.entries(phases).map(([k, v]) => `${k} ${v} ms`).join(", ")}`,
        `nothing -> Traefik routes a request: ${firstRouteMs} ms`,
        `restart -> routing again: ${restartMs} ms (of which waiting for the routers: ${phases["restart-sync"]} ms)`,
        `teardown: ${teardownMs} ms`,
        ...notes.map((n) => `note: ${n}`),
      ].join("\n"),
    );
  }, 300_000);
  it("runs a Traefik whose RBAC the manifests do not ship as a kubegate ServiceAccount with cluster-admin, with a note", async () => {
    const runId = `test-traefik-sa-${process.pid}-${Date.now().toString(36)}`;
    const objects = yaml.loadAll(`
apiVersion: v1
kind: Namespace
metadata: { name: edge }
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: proxy, namespace: edge }
spec:
  selector: { matchLabels: { app: proxy } }
  template:
    metadata: { labels: { app: proxy } }
    spec:
      serviceAccountName: proxy
      containers:
        - name: proxy
          image: traefik:v3.6
          args: [--entrypoints.http.address=:80, --providers.kubernetesingress, --ping]
---
apiVersion: v1
kind: Service
metadata: { name: blog, namespace: edge }
spec: { selector: { app: blog }, ports: [{ name: web, port: 80, targetPort: 8080 }] }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: blog, namespace: edge }
spec:
  rules: [{ host: blog.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: blog, port: { name: web } } } }] } }]
`).filter(Boolean) as KubeObject[];
    const set = normalize(objects.map((object, documentIndex) => ({ object: structuredClone(object), source: { file: "m.yaml", line: 1, documentIndex } })));
    const controller = findIngressControllers(set)[0]!;
    const cluster = await new LocalProvider().create({ runId, logger });
    try {
      await applyManifests(cluster.kubeconfigPath, objects as KubernetesObject[], { logger });
      await using standins = await startStandins(cluster, planStandins(set), { logger });
      await using traefik = await new TraefikAdapter().start(cluster, controller, { manifests: set, logger });
      expect(traefik.versionNote).toBeUndefined(); // v3.6 names no patch
      expect(traefik.notes).toContain(
        "the manifests bind no RBAC to ServiceAccount edge/proxy of DaemonSet edge/proxy: staging runs it as edge/kubegate-controller with cluster-admin, so missing permissions will not show",
      );
      expect(Object.keys(traefik.entrypoints).sort()).toEqual(["http", "traefik"]);
      expect((await traefik.waitSynced()).routers).toEqual(["edge-blog-blog-example-com@kubernetes"]);
      const answer = await probeUntil200(traefik.entrypoints["http"]!, "blog.example.com", "/hello");
      expect(answer.standin).toBe("edge/blog:8080");
      expect(standins.plan.services).toHaveLength(1);
    } finally {
      await cluster.stop();
    }
    expect(await findRunProcesses(runId)).toEqual([]);
  }, 300_000);
});
