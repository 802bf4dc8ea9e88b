import { describe, expect, it } from "vitest";
import { acmeFromArgs, acmeFromConfig, acmeFromEnv } from "./static-config.js";

describe("acmeFromArgs", () => {
  it("reads v2 flags in any case, and the config file flag", () => {
    const { settings, configFile } = acmeFromArgs([
      "--entryPoints.web.address=:8000/tcp",
      "--certificatesResolvers.LE.acme.storage=/data/acme.json",
      "--certificatesresolvers.le.acme.tlschallenge",
      "--configFile=/etc/traefik/traefik.toml",
    ]);
    expect(configFile).toBe("/etc/traefik/traefik.toml");
    expect(settings).toEqual([
      { resolver: "le", storage: "/data/acme.json", source: "--certificatesResolvers.LE.acme.storage" },
      { resolver: "le", source: "--certificatesresolvers.le.acme.tlschallenge" },
    ]);
  });

  it("reads Traefik v1 --acme flags and a shell wrapper", () => {
    const { settings } = acmeFromArgs(["/bin/sh", "-c", "traefik --acme=true --acme.storage=/acme/acme.json --acme.entryPoint=https"]);
    expect(settings.map((s) => s.storage)).toEqual([undefined, "/acme/acme.json", undefined]);
    expect(new Set(settings.map((s) => s.resolver))).toEqual(new Set(["acme"]));
  });

  it("ignores --acme=false and unrelated flags", () => {
    expect(acmeFromArgs(["--acme=false", "--providers.kubernetesingress", "--metrics.prometheus.acme=x"]).settings).toEqual([]);
  });
});

describe("acmeFromEnv", () => {
  it("reads resolver names (with underscores) and the storage", () => {
    expect(acmeFromEnv([
      { name: "TRAEFIK_CERTIFICATESRESOLVERS_MY_LE_ACME_STORAGE", value: "/certs/acme.json" },
      { name: "TRAEFIK_CERTIFICATESRESOLVERS_MY_LE_ACME_EMAIL", value: "ops@example.com" },
      { name: "TRAEFIK_LOG_LEVEL", value: "DEBUG" },
    ])).toEqual([
      { resolver: "my_le", storage: "/certs/acme.json", source: "TRAEFIK_CERTIFICATESRESOLVERS_MY_LE_ACME_STORAGE" },
      { resolver: "my_le", source: "TRAEFIK_CERTIFICATESRESOLVERS_MY_LE_ACME_EMAIL" },
    ]);
  });
});

describe("acmeFromConfig", () => {
  it("reads certificatesResolvers case-insensitively and v1 [acme]", () => {
    expect(acmeFromConfig({ CertificatesResolvers: { Le: { ACME: { Storage: "/data/acme.json" } }, other: { tailscale: {} } } }, "f")).toEqual([
      { resolver: "le", storage: "/data/acme.json", source: "f" },
    ]);
    expect(acmeFromConfig({ acme: { email: "x@example.com" } }, "f")).toEqual([{ resolver: "acme", source: "f" }]);
    expect(acmeFromConfig(undefined, "f")).toEqual([]);
  });
});
