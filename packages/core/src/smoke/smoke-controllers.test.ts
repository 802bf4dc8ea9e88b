import { describe, expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { parseSources } from "../load/load-manifests.js";
import { mergeUnstaged, pickController, unstageableControllers } from "./smoke-controllers.js";

const set = (text: string) => buildSides([], parseSources([{ file: "m.yaml", text, format: "yaml" }]), {}).head;
const deployment = (name: string, image: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: edge}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: "${image}"}]}
`;

describe("unstageableControllers", () => {
  it("names ingress-nginx with its version, and why no adapter runs it", () => {
    const [u, ...rest] = unstageableControllers(set(deployment("ingress-nginx-controller", "registry.k8s.io/ingress-nginx/controller:v1.12.1")), "head");
    expect(rest).toEqual([]);
    expect(u).toMatchObject({ controller: "ingress-nginx 1.12.1", sides: ["head"], file: "m.yaml", line: 2, resource: { kind: "Deployment", name: "ingress-nginx-controller" } });
    expect(u!.reason).toBe("kubegate stages Traefik only; there is no ingress-nginx adapter");
  });

  it("names Traefik v1 with the adapter's own reason (incident 001), and never picks it to run", () => {
    const side = set(deployment("traefik", "traefik:1.7.9"));
    expect(pickController(side, [])).toBeUndefined();
    const [u] = unstageableControllers(side, "base");
    expect(u!.controller).toBe("Traefik 1.7.9");
    expect(u!.reason).toMatch(/^Traefik 1\.7\.9 \(v1\) cannot be staged here/);
  });

  it("leaves out the controllers staging runs", () => {
    expect(unstageableControllers(set(deployment("traefik", "traefik:v3.6.15")), "head")).toEqual([]);
  });

  it("merges a controller declared by both sides into one entry naming both", () => {
    const side = set(deployment("traefik", "traefik:1.7.9"));
    expect(mergeUnstaged(unstageableControllers(side, "base"), unstageableControllers(side, "head")).map((u) => u.sides)).toEqual([["base", "head"]]);
  });
});
