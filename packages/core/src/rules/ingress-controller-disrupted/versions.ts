import { parseControllerVersion, type IngressController } from "../../workloads/index.js";

/** What a major step of a controller means, and where its migration guide is. */
const MAJOR_STEPS: Record<string, string> = {
  "traefik 1->2":
    "v2 reads none of v1's configuration (frontends/backends, v1 ingress annotations, acme.json layout) and brings the IngressRoute CRDs; follow https://doc.traefik.io/traefik/migration/v1-to-v2/",
  "traefik 2->3":
    "v3 drops the traefik.containo.us CRD group, changes the rule syntax and several defaults; follow https://doc.traefik.io/traefik/migration/v2-to-v3/",
};

export function majorStepAdvice(family: string, from: number, to: number): string {
  if (from > to) return `a downgrade across major versions also reverts configuration formats and CRDs; check the ${family} ${to}.x documentation`;
  const steps: string[] = [];
  for (let v = from; v < to; v++) steps.push(MAJOR_STEPS[`${family} ${v}->${v + 1}`] ?? `read the ${family} ${v}.x -> ${v + 1}.x migration notes`);
  return steps.join("; then ");
}

export interface KnownBug {
  message: string;
  /** What to do about it. */
  fix: string;
  /** The 2.x bug bites when an IngressRoute changes, even if the controller itself does not. */
  triggeredByIngressRoutes: boolean;
}

/** Controller versions with bugs that caused the project's incidents. */
export function knownBug(controller: IngressController, usesIngressRoutes: boolean): KnownBug | undefined {
  if (controller.family !== "traefik") return undefined;
  const v = parseControllerVersion(controller.version);
  if (!v || v.minor === undefined) return undefined;
  if (v.major === 1 && (v.minor < 7 || (v.minor === 7 && v.patch !== undefined && v.patch < 30))) {
    return {
      triggeredByIngressRoutes: false,
      fix: "upgrade to 1.7.30 or later (1.x is end of life: plan the move to a supported major)",
      message: `version ${controller.version} has known bugs (incident 001: Traefik 1.7.9 could not decode the Service list of a newer API server and answered 404 for every host after its pods restarted; 1.7.30 fixed it)`,
    };
  }
  if (v.major === 2 && v.minor < 5 && usesIngressRoutes) {
    return {
      triggeredByIngressRoutes: true,
      fix: "upgrade to 2.5 or later and install CRDs with a schema (apiextensions v1) so malformed IngressRoutes are rejected on apply",
      message: `version ${controller.version} has known bugs (incident 000, traefik issue 8098: before 2.5 one malformed IngressRoute (the CRDs carry no schema to reject it) makes Traefik answer 404 for every route, which shows only when its pods restart days later)`,
    };
  }
  return undefined;
}
