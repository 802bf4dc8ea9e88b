import { describe, expect, it } from "vitest";
import { parseControllerVersion } from "../../workloads/index.js";
import { decodesPortsAsIntegers, stringPorts } from "./traefik-port-decoding.js";

describe("Traefik versions", () => {
  it("treats only v2.0-v2.4 as integer-only port decoders (fixed in v2.5)", () => {
    expect(decodesPortsAsIntegers(parseControllerVersion("v2.4.7"))).toBe(true);
    expect(decodesPortsAsIntegers(parseControllerVersion("v2.0.0"))).toBe(true);
    expect(decodesPortsAsIntegers(parseControllerVersion("v2.5.0"))).toBe(false);
    expect(decodesPortsAsIntegers(parseControllerVersion("v2.11.2"))).toBe(false);
    expect(decodesPortsAsIntegers(parseControllerVersion("v3.6.15"))).toBe(false);
    expect(decodesPortsAsIntegers(parseControllerVersion("1.7.9"))).toBe(false);
    expect(decodesPortsAsIntegers(parseControllerVersion("latest"))).toBe(false);
  });
});

describe("stringPorts", () => {
  it("finds string ports in routes, TraefikService and the errors middleware", () => {
    expect(stringPorts({ spec: { routes: [{ services: [{ name: "a", port: 80 }, { name: "b", port: "8080s" }] }] } })).toEqual([{ path: "spec.routes[0].services[1].port", value: "8080s" }]);
    expect(stringPorts({ spec: { weighted: { services: [{ name: "a", port: "http" }] }, mirroring: { name: "m", port: "web" } } }).map((p) => p.path)).toEqual(["spec.weighted.services[0].port", "spec.mirroring.port"]);
    expect(stringPorts({ spec: { errors: { service: { name: "e", port: "http" } } } }).map((p) => p.path)).toEqual(["spec.errors.service.port"]);
  });

  it("ignores numeric ports and free-form plugin configuration", () => {
    expect(stringPorts({ spec: { routes: [{ services: [{ name: "a", port: 80 }] }] } })).toEqual([]);
    expect(stringPorts({ spec: { plugin: { redis: { port: "6379" } } } })).toEqual([]);
  });
});
