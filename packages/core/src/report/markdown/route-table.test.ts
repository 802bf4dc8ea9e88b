import { describe, expect, it } from "vitest";
import { routeTableMarkdown } from "./route-table.js";

const cluster = { provider: "local", runId: "r20261204-160000-abcdef", serverVersion: "v1.37.2", controller: { name: "traefik/traefik", version: "3.6.25", notes: [] } };

describe("routeTableMarkdown", () => {
  it("says which Kubernetes and Traefik the routes were staged on", () => {
    const md = routeTableMarkdown([], cluster);
    expect(md).toBe("### Staged routes\n\nStaged on local Kubernetes v1.37.2, traefik/traefik Traefik 3.6.25.\n\nNo routes to probe.");
  });

  it("without the cluster, only the table", () => {
    expect(routeTableMarkdown([])).toBe("### Staged routes\n\nNo routes to probe.");
  });
});
