import type { Change } from "../../model/change.js";
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { findIngressControllers, parseControllerVersion, parseImage, type IngressController } from "../../workloads/index.js";
import { defineRule, type RuleContext } from "../rule.js";
import { hostsServedBy, listHosts } from "../shared/ingress-controller-hosts.js";
import { allAtOnceRollout, autoscalersOf, budgetsFor, isReplicated, minReplicas, protects } from "./availability.js";
import { knownBug, majorStepAdvice } from "./versions.js";
import { chartMajor, hostsOf, isRendered, packagedController, packagedLabel, type PackagedController } from "./packaged-controllers.js";

export default defineRule({
  meta: {
    id: "ingress-controller-disrupted",
    severity: "high",
    summary: "An ingress controller is removed, recreated, crosses a major version, runs a known-buggy version, or can lose all its pods at once.",
    incidents: ["002", "001", "000"],
    remediation:
      "Upgrade the ingress controller in place (helm upgrade, same name and selector), one major version at a time through staging: apply, probe every route, restart the controller, probe again. Run at least 2 replicas with a PodDisruptionBudget and a rolling strategy that keeps pods up (maxUnavailable: 0).",
  },
  check(ctx) {
    const { base, head, changes, options } = ctx;
    const baseControllers = byKey(findIngressControllers(base, options.ingressControllers));
    const headControllers = byKey(findIngressControllers(head, options.ingressControllers));
    for (const change of changes) {
      const before = change.base ? baseControllers.get(change.base.key) : undefined;
      const after = change.head ? headControllers.get(change.head.key) : undefined;
      if (before && (change.op === "delete" || change.op === "replace")) reportRemoval(ctx, change, before, [...headControllers.values()]);
      if (before && after) reportVersionStep(ctx, before, after);
      if (before && after) reportImageSource(ctx, before, after);
    }
    reportPackagedControllers(ctx);
    const controllers = [...headControllers.values()];
    const touched = touchedControllers(changes, controllers);
    const ingressRoutesChanged = changes.some((c) => c.head && isIngressRoute(c.head));
    const usesIngressRoutes = head.manifests.some((m) => isIngressRoute(m) || (m.ref.kind === "CustomResourceDefinition" && /^ingressroutes\.traefik\.(io|containo\.us)$/.test(m.ref.name)));
    for (const controller of controllers) {
      const isTouched = touched.has(controller.manifest.key);
      const bug = knownBug(controller, usesIngressRoutes);
      // An untouched controller is not re-reported on every change, except when the change feeds its bug.
      if (bug && (isTouched || (bug.triggeredByIngressRoutes && ingressRoutesChanged))) {
        ctx.report({ manifest: controller.manifest, severity: "warning", fingerprint: `known bug: ${bug.message}`, message: `${label(controller)}: ${bug.message}. ${capitalize(bug.fix)}.` });
      }
      if (isTouched) reportAvailability(ctx, controller);
    }
  },
});

function reportRemoval(ctx: RuleContext, change: Change, before: IngressController, headControllers: IngressController[]): void {
  const served = servedText(before, ctx.base);
  const renamed = change.replaceReasons.find((r) => r.startsWith("renamed from"));
  let message: string;
  if (change.op === "delete") {
    const successor = headControllers.find((c) => c.family === before.family && c.manifest.ref.namespace === before.manifest.ref.namespace && !ctx.base.byKey.has(c.manifest.key));
    message =
      `${label(before)} is deleted: ${served} stops answering` +
      (successor ? `, and ${describeRef(successor.manifest.ref)} (${successor.image}) that head adds instead starts cold, without a rolling handover` : " until another controller serves it") +
      ` (incident 002: deleting and reinstalling Traefik took its APIs offline and recreated its LoadBalancer). Upgrade the controller in place instead, or run the new one beside it and move traffic before removing the old one.`;
  } else {
    const what = renamed && change.head ? `renamed to ${describeRef(change.head.ref)}` : `recreated (${change.replaceReasons.join("; ")})`;
    message =
      `${label(before)} is ${what}: the old pods are deleted and new ones created, so ${served} is down until the new pods are ready (incident 002: reinstalling Traefik under a new release took its APIs offline). Keep the workload's name and selector and upgrade it in place.`;
  }
  ctx.report({ manifest: change.head ?? before.manifest, severity: "critical", message });
}

/**
 * Controllers installed by a Flux HelmRelease or an Argo CD Application whose chart is not
 * rendered (remote, offline): the GitOps object alone says it is removed, replaced or crosses a
 * major version, and the routes of the repository say which hosts that puts at risk.
 */
function reportPackagedControllers(ctx: RuleContext): void {
  const added = ctx.changes.flatMap((c) => (c.op === "create" && c.head ? [packagedController(c.head)] : [])).filter((p): p is PackagedController => p !== undefined);
  for (const change of ctx.changes) {
    const before = change.base ? packagedController(change.base) : undefined;
    const after = change.head ? packagedController(change.head) : undefined;
    if (!before || isRendered(before, ctx.base)) continue;
    const hosts = hostsOf(before, ctx.base);
    const served = hosts.length > 0 ? `every host it serves (${listHosts(hosts)})` : before.family === "cert-manager" ? "every certificate it renews" : "everything it serves";
    const unproven = "The staged proof needs the chart (map its repository to a folder with --chart-repo).";
    const servedElsewhere = new Set(ctx.base.manifests.map(packagedController).filter((p): p is PackagedController => p !== undefined && p.manifest !== before.manifest && p.family !== "cert-manager").flatMap((p) => hostsOf(p, ctx.base)));
    if (change.op === "delete" && before.family !== "cert-manager" && hosts.length > 0 && hosts.every((h) => servedElsewhere.has(h))) {
      // The last step of a migration done right: another controller already served every host at base.
      ctx.report({
        manifest: before.manifest,
        severity: "warning",
        fingerprint: `retired ${before.family}`,
        message: `${packagedLabel(before)} is deleted; every host it serves (${listHosts(hosts)}) is already routed through another controller at base. Before merging, make sure DNS for them points at the new controller's address: whatever still resolves to the old one stops answering.`,
      });
    } else if (change.op === "delete") {
      const successor = added.find((a) => a.family !== "cert-manager" && before.family !== "cert-manager");
      const movedTo = successor ? hostsOf(successor, ctx.head) : [];
      ctx.report({
        manifest: before.manifest,
        severity: "critical",
        fingerprint: `removed ${before.family}`,
        message:
          `${packagedLabel(before)} is deleted: the controller is uninstalled and ${served} stops answering` +
          (successor ? `; head installs ${packagedLabel(successor)} instead${movedTo.length ? ` and routes ${listHosts(movedTo)} to it` : ""}, but its new address must be in DNS and answering before the old one goes` : " until another controller serves it") +
          ` (incident 002: removing and reinstalling the controller took every API offline). Run both controllers side by side, move DNS and routes, and remove the old one in a later change. ${unproven}`,
      });
    } else if (after && after.family !== before.family) {
      ctx.report({ manifest: after.manifest, message: `${describeRef(after.manifest.ref)} switches from ${before.family} to ${after.family}: annotations, classes and defaults differ, so ${served} must be re-verified before this reaches production. ${unproven}` });
    } else if (after) {
      const [from, to] = [chartMajor(before.version), chartMajor(after.version)];
      if (from !== undefined && to !== undefined && from !== to) {
        ctx.report({ manifest: after.manifest, fingerprint: `chart ${before.chart} ${from}.x -> ${to}.x`, message: `${packagedLabel(after)} moves from chart ${before.version} to ${after.version}, a major version step: ${served} depends on it. Read the chart's upgrade notes and stage it: apply, probe every route, restart the controller and probe again. ${unproven}` });
      }
    }
  }
}

function reportVersionStep(ctx: RuleContext, before: IngressController, after: IngressController): void {
  if (before.family !== after.family) {
    ctx.report({
      manifest: after.manifest,
      message: `${describeRef(after.manifest.ref)} switches ingress controller from ${before.family} (${before.image}) to ${after.family} (${after.image}): annotations, CRDs and defaults differ, so every route it serves must be re-verified in staging before this reaches production.`,
    });
    return;
  }
  const [from, to] = [parseControllerVersion(before.version), parseControllerVersion(after.version)];
  if (!from || !to || from.major === to.major) return;
  ctx.report({
    manifest: after.manifest,
    message: `${describeRef(after.manifest.ref)} moves ${after.family} from ${before.image} to ${after.image}, a major version step (${from.major}.x -> ${to.major}.x): ${majorStepAdvice(after.family, from.major, to.major)}. Stage it: apply to staging, probe every route, restart the controller and probe again (incidents 000/001 surfaced only after a restart).`,
  });
}

/**
 * The controller's image now comes from another registry or repository (a chart that renamed
 * `image.name` to `image.repository` silently drops a private mirror for the public image):
 * clusters that may only pull from their mirror cannot start the new pods.
 */
function reportImageSource(ctx: RuleContext, before: IngressController, after: IngressController): void {
  const [from, to] = [imageSource(before.image), imageSource(after.image)];
  if (from.registry === to.registry && from.repository === to.repository) return;
  const registryMoved = from.registry !== to.registry;
  ctx.report({
    manifest: after.manifest,
    severity: registryMoved ? "high" : "warning",
    fingerprint: `image source ${from.registry}/${from.repository} -> ${to.registry}/${to.repository}`,
    message:
      `${describeRef(after.manifest.ref)} (ingress controller) pulls its image from ${registryMoved ? "another registry" : "another repository"}: ${before.image} -> ${after.image}. ` +
      `A cluster that can only pull from its own mirror cannot start the new pods, and the rollout stalls with the controller half replaced; a renamed chart value (image.name -> image.repository) does this silently. Pin the image to the registry your nodes pull from (or mirror the new one first).`,
  });
}

/** Registry (Docker Hub when the first part is no host) and repository of an image reference. */
function imageSource(image: string): { registry: string; repository: string } {
  const { repository } = parseImage(image);
  const [first, ...rest] = repository.split("/");
  const isHost = rest.length > 0 && (/[.:]/.test(first!) || first === "localhost");
  const registry = isHost ? first! : "docker.io";
  const path = isHost ? rest.join("/") : repository;
  return { registry, repository: registry === "docker.io" && !path.includes("/") ? `library/${path}` : path };
}

function reportAvailability(ctx: RuleContext, controller: IngressController): void {
  const workload = controller.manifest;
  if (isReplicated(workload)) {
    const { count, from } = minReplicas(workload, ctx.head);
    if (count < 2) {
      ctx.report({
        manifest: workload,
        severity: count === 0 ? "critical" : "warning",
        // The cause is the replica count, not the image in the message: an image bump keeps the debt unchanged.
        fingerprint: `replicas ${count} (${from})`,
        message:
          count === 0
            ? `${label(controller)} runs 0 replicas (${from}): ${servedText(controller, ctx.head)} goes unanswered. Scale it to at least 2, or move its routes to another controller first.`
            : `${label(controller)} runs a single replica (${from} is 1): every restart, rollout or node drain is an outage for every host it serves (incidents 000 and 001 struck when the controller pods restarted). Run at least 2 replicas spread across nodes, or a DaemonSet.`,
      });
    }
    const budgets = budgetsFor(workload, ctx.head.manifests);
    if (!budgets.some(protects)) {
      const dropped = budgetsFor(workload, ctx.base.manifests).filter((b) => !ctx.head.byKey.has(b.key));
      const why = budgets.length > 0 ? ` that keeps any pod up (${budgets.map((b) => `PodDisruptionBudget ${b.ref.name}`).join(", ")} allows evicting all of them)` : dropped.length > 0 ? ` (this change deletes ${dropped.map((b) => `PodDisruptionBudget ${b.ref.name}`).join(", ")})` : "";
      ctx.report({
        manifest: workload,
        severity: "warning",
        fingerprint: `no PodDisruptionBudget${why}`,
        message: `${label(controller)} has no PodDisruptionBudget${why}: a node drain or cluster upgrade may evict all its pods at once (incident 000: a node rollover restarted every Traefik pod together). Add a PodDisruptionBudget selecting its pods with maxUnavailable: 1.`,
      });
    }
  }
  const rollout = allAtOnceRollout(workload, ctx.head);
  if (rollout) {
    ctx.report({
      manifest: workload,
      severity: "warning",
      fingerprint: `all-at-once rollout (${rollout})`,
      message: `${label(controller)} can stop all its pods in one rollout (${rollout}): every upgrade is an outage for the hosts it serves. Use a RollingUpdate with maxUnavailable: 0 and maxSurge: 1 (DaemonSet: maxUnavailable: 1).`,
    });
  }
}

/** Head controllers whose manifest, PodDisruptionBudget or autoscaler this change touches. */
function touchedControllers(changes: Change[], controllers: IngressController[]): Set<string> {
  const touched = new Set<string>();
  for (const change of changes) {
    const sides = [change.base, change.head].filter((m): m is Manifest => m !== undefined);
    for (const c of controllers) {
      if (change.head?.key === c.manifest.key || budgetsFor(c.manifest, sides).length > 0 || autoscalersOf(c.manifest, sides).length > 0) touched.add(c.manifest.key);
    }
  }
  return touched;
}

/** "every host it serves (a, b)" from the routes of one side, for impact clauses. */
function servedText(controller: IngressController, set: ManifestSet): string {
  const { hosts, hostless } = hostsServedBy(controller, set);
  if (hosts.length > 0) return `every host it serves (${listHosts(hosts)})`;
  return hostless > 0 ? `its ${hostless} catch-all route${hostless === 1 ? "" : "s"}` : "everything it serves";
}

function byKey(controllers: IngressController[]): Map<string, IngressController> {
  return new Map(controllers.map((c) => [c.manifest.key, c]));
}

function label(c: IngressController): string {
  return `${describeRef(c.manifest.ref)} (ingress controller, image ${c.image})`;
}

function isIngressRoute(m: Manifest): boolean {
  return m.ref.kind === "IngressRoute" && m.group === "traefik.io";
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
