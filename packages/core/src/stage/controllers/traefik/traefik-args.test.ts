import { describe, expect, it } from "vitest";
import { OFFLINE_ACME_CA, parseAddress, parseTraefikArgs, rewriteTraefikArgs, STAGING_PROVIDERS_THROTTLE, type TraefikRewriteContext } from "./traefik-args.js";

const ctx: TraefikRewriteContext = { endpoint: "https://127.0.0.1:6443", token: "TOKEN", caPath: "/run/ca.crt", stateDir: "/run/traefik", major: 3 };

/** Args of the Traefik Helm chart v39 (Traefik v3.6) with an ACME resolver and the usual extras. */
const CHART_ARGS = [
  "--entryPoints.metrics.address=:9100/tcp",
  "--entryPoints.traefik.address=:8080/tcp",
  "--entryPoints.web.address=:8000/tcp",
  "--entryPoints.websecure.address=:8443/tcp",
  "--api.dashboard=true",
  "--ping=true",
  "--metrics.prometheus=true",
  "--metrics.prometheus.entrypoint=metrics",
  "--providers.kubernetescrd",
  "--providers.kubernetescrd.allowCrossNamespace=true",
  "--providers.kubernetescrd.allowExternalNameServices=true",
  "--providers.kubernetesingress",
  "--providers.kubernetesingress.ingressClass=traefik",
  "--providers.kubernetesingress.ingressendpoint.publishedservice=traefik/traefik",
  "--entryPoints.websecure.http.tls=true",
  "--entryPoints.web.http.redirections.entryPoint.to=:443",
  "--log.level=DEBUG",
  "--log.filePath=/var/log/traefik.log",
  "--accesslog=true",
  "--accesslog.filepath=/var/log/access.log",
  "--certificatesresolvers.le.acme.email=ops@example.com",
  "--certificatesresolvers.le.acme.storage=/data/acme.json",
  "--certificatesresolvers.le.acme.dnschallenge.provider=route53",
  "--certificatesresolvers.le.acme.dnschallenge.resolvers=1.1.1.1:53",
  "--tracing.otlp.http.endpoint=http://otel:4318",
  "--global.checknewversion=true",
  "--providers.file.directory=/config",
];

describe("parseTraefikArgs", () => {
  it("reads --k=v, -k=v, --k v, bare flags, a leading traefik word and --", () => {
    expect(parseTraefikArgs(["traefik", "--ping", "-api.insecure=true", "--log.level", "DEBUG", "--providers.kubernetesCRD", "--", "--x"])).toEqual({
      flags: [
        { key: "ping", lower: "ping" },
        { key: "api.insecure", lower: "api.insecure", value: "true" },
        { key: "log.level", lower: "log.level", value: "DEBUG" },
        { key: "providers.kubernetesCRD", lower: "providers.kubernetescrd" },
      ],
      positional: ["traefik", "--x"],
    });
  });

  it("keeps '=' inside values", () => {
    expect(parseTraefikArgs(["--providers.kubernetescrd.labelselector=app=web,tier!=db"]).flags[0]?.value).toBe("app=web,tier!=db");
  });
});

describe("parseAddress", () => {
  it.each([
    [":8000", { host: "", port: 8000, protocol: "tcp", protocolSuffix: "" }],
    [":8000/tcp", { host: "", port: 8000, protocol: "tcp", protocolSuffix: "/tcp" }],
    ["0.0.0.0:443/udp", { host: "0.0.0.0", port: 443, protocol: "udp", protocolSuffix: "/udp" }],
    ["[::]:80", { host: "::", port: 80, protocol: "tcp", protocolSuffix: "" }],
  ])("%s", (address, expected) => expect(parseAddress(address)).toEqual(expected));

  it("rejects what is not an address", () => {
    expect(parseAddress("8000")).toBeUndefined();
    expect(parseAddress(":99999")).toBeUndefined();
  });
});

describe("rewriteTraefikArgs", () => {
  it("keeps entrypoints and Kubernetes provider options, points the providers at the staging API server", () => {
    const r = rewriteTraefikArgs(CHART_ARGS, ctx);
    expect(r.unsupported).toBeUndefined();
    const args = r.args!;
    for (const kept of [
      "--entryPoints.metrics.address=127.0.0.1:9100/tcp",
      "--entryPoints.traefik.address=127.0.0.1:8080/tcp",
      "--entryPoints.web.address=127.0.0.1:8000/tcp",
      "--entryPoints.websecure.address=127.0.0.1:8443/tcp",
      "--entryPoints.websecure.http.tls=true",
      "--entryPoints.web.http.redirections.entryPoint.to=:443",
      "--api.dashboard=true",
      "--providers.kubernetescrd.allowCrossNamespace=true",
      "--providers.kubernetescrd.allowExternalNameServices=true",
      "--providers.kubernetesingress.ingressClass=traefik",
      "--providers.kubernetesingress.ingressendpoint.publishedservice=traefik/traefik",
      "--accesslog=true",
    ]) {
      expect(args).toContain(kept);
    }
    for (const p of ["kubernetesCRD", "kubernetesIngress"]) {
      expect(args).toContain(`--providers.${p}`);
      expect(args).toContain(`--providers.${p}.endpoint=https://127.0.0.1:6443`);
      expect(args).toContain(`--providers.${p}.token=TOKEN`);
      expect(args).toContain(`--providers.${p}.certAuthFilePath=/run/ca.crt`);
    }
    expect(r.providers).toEqual(["kubernetescrd", "kubernetesingress"]);
    expect(args.filter((a) => /kubernetesgateway/i.test(a))).toEqual([]);
  });

  it("drops log files, exporters, non-Kubernetes providers and calls home; forces ping, api, INFO", () => {
    const r = rewriteTraefikArgs(CHART_ARGS, ctx);
    const args = r.args!;
    for (const gone of [/log\.filepath/i, /accesslog\.filepath/i, /^--metrics/, /^--tracing/, /providers\.file/, /checknewversion=true/, /log\.level=DEBUG/]) {
      expect(args.filter((a) => gone.test(a))).toEqual([]);
    }
    expect(args).toEqual(expect.arrayContaining(["--ping=true", "--api=true", "--api.insecure=true", "--log.level=INFO", "--global.checkNewVersion=false", "--global.sendAnonymousUsage=false"]));
    expect(r.notes).toEqual(
      expect.arrayContaining([
        "dropped metrics exporters (metrics.*)",
        "dropped tracing exporters (tracing.*)",
        "dropped log.filePath (logs go to the output kubegate reads)",
        "dropped providers.file: only Kubernetes providers are staged",
        "log.level DEBUG replaced by INFO",
      ]),
    );
  });

  it("keeps an ACME resolver by name without network: no DNS challenge, local storage, unreachable CA", () => {
    const r = rewriteTraefikArgs(CHART_ARGS, ctx);
    const acme = r.args!.filter((a) => a.toLowerCase().startsWith("--certificatesresolvers."));
    expect(acme).toEqual([
      "--certificatesresolvers.le.acme.email=ops@example.com",
      "--certificatesResolvers.le.acme.storage=/run/traefik/acme-le.json",
      `--certificatesResolvers.le.acme.caServer=${OFFLINE_ACME_CA}`,
      "--certificatesResolvers.le.acme.tlsChallenge=true",
    ]);
    expect(r.certResolvers).toEqual(["le"]);
    expect(r.notes.some((n) => n.startsWith("certificate resolver le: kept without network"))).toBe(true);
  });

  it("uses the users' traefik entrypoint for the API, and reports entrypoints for forwarding", () => {
    const r = rewriteTraefikArgs(CHART_ARGS, ctx);
    expect(r.entrypoints.map((e) => [e.name, e.port, e.protocol, e.staging ?? false])).toEqual([
      ["metrics", 9100, "tcp", false],
      ["traefik", 8080, "tcp", false],
      ["web", 8000, "tcp", false],
      ["websecure", 8443, "tcp", false],
    ]);
    expect(r.apiEntrypoint).toBe("traefik");
    expect(r.pingEntrypoint).toBe("traefik");
    expect(r.apiPath).toBe("/api");
  });

  it("adds a staging-only traefik entrypoint on :9000 (or the next free port)", () => {
    const r = rewriteTraefikArgs(["--entrypoints.web.address=:80", "--providers.kubernetescrd"], ctx);
    expect(r.args).toContain("--entryPoints.traefik.address=127.0.0.1:9000");
    expect(r.entrypoints.at(-1)).toEqual({ name: "traefik", address: "127.0.0.1:9000", host: "127.0.0.1", port: 9000, protocol: "tcp", staging: true });
    const taken = rewriteTraefikArgs(["--entrypoints.web.address=:9000", "--entrypoints.web2.address=:9001/tcp", "--providers.kubernetescrd"], ctx);
    expect(taken.args).toContain("--entryPoints.traefik.address=127.0.0.1:9002");
  });

  it("makes the default http entrypoint explicit when the users define none", () => {
    const r = rewriteTraefikArgs(["--providers.kubernetesingress"], ctx);
    expect(r.args).toContain("--entryPoints.http.address=127.0.0.1:80");
    expect(r.args).toContain("--entryPoints.traefik.address=127.0.0.1:9000");
    expect(r.entrypoints.map((e) => e.name)).toEqual(["http", "traefik"]);
  });

  it("replaces users' endpoint/token/CA of a provider and enables a provider named only by its options", () => {
    const r = rewriteTraefikArgs(
      [
        "--providers.kubernetesgateway.endpoint=https://10.0.0.1:443",
        "--providers.kubernetesgateway.token=prod",
        "--providers.kubernetesgateway.certauthfilepath=/var/run/ca",
        "--providers.kubernetescrd.namespaces=shop,blog",
        "--experimental.kubernetesgateway=true",
      ],
      ctx,
    );
    expect(r.providers).toEqual(["kubernetescrd", "kubernetesgateway"]);
    expect(r.args!.filter((a) => /prod|10\.0\.0\.1|\/var\/run\/ca/.test(a))).toEqual([]);
    expect(r.args).toContain("--providers.kubernetescrd.namespaces=shop,blog");
    expect(r.args).toContain("--experimental.kubernetesgateway=true");
    expect(r.args).toContain("--providers.kubernetesGateway.endpoint=https://127.0.0.1:6443");
  });

  it("leaves a provider switched off with =false off", () => {
    const r = rewriteTraefikArgs(["--providers.kubernetesingress=false", "--providers.kubernetescrd=true"], ctx);
    expect(r.providers).toEqual(["kubernetescrd"]);
  });

  it("notes when no Kubernetes provider is enabled", () => {
    expect(rewriteTraefikArgs(["--entrypoints.web.address=:80"], ctx).notes).toContain("no Kubernetes provider is enabled: Traefik will not route anything from the cluster");
  });

  it("listens on the sandbox's loopback, keeping ports and protocols (stand-ins use the other addresses)", () => {
    const r = rewriteTraefikArgs(["--entrypoints.web.address=10.1.2.3:8000", "--entrypoints.dns.address=[::]:53/udp", "--entrypoints.local.address=127.0.0.2:81", "--providers.kubernetescrd"], ctx);
    expect(r.args).toEqual(expect.arrayContaining(["--entrypoints.web.address=127.0.0.1:8000", "--entrypoints.dns.address=127.0.0.1:53/udp", "--entrypoints.local.address=127.0.0.2:81"]));
    expect(r.entrypoints.slice(0, 3).map((e) => `${e.name} ${e.host}:${e.port}/${e.protocol}`)).toEqual(["web 127.0.0.1:8000/tcp", "dns 127.0.0.1:53/udp", "local 127.0.0.2:81/tcp"]);
    expect(r.notes).toContain("entrypoint web: address 10.1.2.3:8000 names a specific host; staging listens on 127.0.0.1:8000");
  });

  it("serves ping where the users put it and honours api.basePath", () => {
    const r = rewriteTraefikArgs(["--entrypoints.web.address=:80", "--ping.entrypoint=web", "--ping.manualrouting=true", "--api.basePath=/admin/", "--providers.kubernetescrd"], ctx);
    expect(r.pingEntrypoint).toBe("web");
    expect(r.args).toContain("--ping.entrypoint=web");
    expect(r.args!.some((a) => /manualrouting/i.test(a))).toBe(false);
    expect(r.apiPath).toBe("/admin/api");
  });

  it("drops plugins with a note", () => {
    const r = rewriteTraefikArgs(["--experimental.plugins.bouncer.modulename=github.com/x/y", "--experimental.plugins.bouncer.version=v1.0.0", "--providers.kubernetescrd"], ctx);
    expect(r.args!.some((a) => a.includes("plugins"))).toBe(false);
    expect(r.notes.filter((n) => n.includes("plugin"))).toHaveLength(1);
  });

  it("applies configuration changes without the 2 s provider throttle, and says so", () => {
    const r = rewriteTraefikArgs(["--entrypoints.web.address=:80", "--providers.kubernetescrd"], ctx);
    expect(r.args).toContain(`--providers.providersThrottleDuration=${STAGING_PROVIDERS_THROTTLE}`);
    expect(r.notes).toContain(`providers.providersThrottleDuration 2s (default) replaced by ${STAGING_PROVIDERS_THROTTLE}: staging applies configuration changes without batching them`);
    const users = rewriteTraefikArgs(["--providers.providersThrottleDuration=10s", "--providers.kubernetescrd", "--providers.kubernetescrd.throttleDuration=5s", "--providers.kubernetesingress.throttleDuration=0s"], ctx);
    expect(users.args!.filter((a) => /throttleduration/i.test(a))).toEqual([`--providers.providersThrottleDuration=${STAGING_PROVIDERS_THROTTLE}`]);
    expect(users.notes).toEqual(
      expect.arrayContaining([
        `providers.providersThrottleDuration 10s replaced by ${STAGING_PROVIDERS_THROTTLE}: staging applies configuration changes without batching them`,
        "providers.kubernetesCRD.throttleDuration 5s dropped: staging reacts to every change at once",
      ]),
    );
    expect(users.notes.filter((n) => n.includes("kubernetesIngress.throttleDuration"))).toEqual([]);
  });

  it("restarts without draining: entrypoint lifeCycle grace periods the users set are shortened, with a note", () => {
    const r = rewriteTraefikArgs(
      ["--entrypoints.web.address=:80", "--entrypoints.web.transport.lifeCycle.requestAcceptGraceTimeout=10s", "--entrypoints.web.transport.lifeCycle.graceTimeOut=30s", "--providers.kubernetescrd"],
      ctx,
    );
    expect(r.args).toEqual(expect.arrayContaining(["--entrypoints.web.transport.lifeCycle.requestAcceptGraceTimeout=0s", "--entrypoints.web.transport.lifeCycle.graceTimeOut=1s"]));
    expect(r.notes).toEqual(
      expect.arrayContaining([
        "entrypoint web: transport.lifeCycle.requestAcceptGraceTimeout 10s replaced by 0s (staging restarts without draining connections)",
        "entrypoint web: transport.lifeCycle.graceTimeOut 30s replaced by 1s (staging restarts without draining connections)",
      ]),
    );
  });

  it("refuses Traefik v1 configuration with a clear reason", () => {
    const v1 = rewriteTraefikArgs(["--api", "--kubernetes", "--logLevel=INFO", "--defaultentrypoints=http,https", "--entryPoints=Name:http Address::80"], { ...ctx, major: 2 });
    expect(v1.args).toBeUndefined();
    expect(v1.unsupported).toMatch(/^Traefik v1 static configuration cannot be staged \(flag --kubernetes is v1 syntax\)/);
    expect(rewriteTraefikArgs(["--entrypoints.web.address=:80"], { ...ctx, major: 1 }).unsupported).toMatch(/the image is Traefik v1/);
  });
});
