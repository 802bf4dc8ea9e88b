import type { SmokeRouteResult, StageOutcome } from "../../smoke/smoke-route.js";

/**
 * JUnit XML of the route checks: one test case per route and stage, so CI systems show which
 * host broke at which step (base, head, after the controller restarted).
 */
export function junitReport(routes: SmokeRouteResult[], redact: (s: string) => string = (s) => s): string {
  const cases: string[] = [];
  let failures = 0;
  let skipped = 0;
  for (const route of routes) {
    for (const stage of ["base", "head", "afterRestart"] as const) {
      const outcome = route[stage];
      if (!outcome && !route.skipped) continue;
      const name = `${route.tls ? "https" : "http"}://${route.host}${route.path} [${stage}]`;
      const time = ((outcome?.elapsedMs ?? 0) / 1000).toFixed(3);
      let body = "";
      if (route.skipped) {
        skipped++;
        body = `<skipped message="${xml(route.skipped)}"/>`;
      } else if (outcome && !outcome.ok) {
        failures++;
        body = `<failure message="${xml(outcome.problem ?? "failed")}">${xml(detail(route, outcome))}</failure>`;
      }
      cases.push(`    <testcase classname="${xml(route.id)}" name="${xml(name)}" time="${time}">${body}</testcase>`);
      if (route.skipped) break;
    }
  }
  return redact(
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubegate smoke test">\n  <testsuite name="routes" tests="${cases.length}" failures="${failures}" skipped="${skipped}">\n${cases.join("\n")}\n  </testsuite>\n</testsuites>\n`,
  );
}

function detail(route: SmokeRouteResult, o: StageOutcome): string {
  const expected = route.expected ? `${route.expected.namespace}/${route.expected.service}` : "any";
  const reached = o.reached ? `${o.reached.namespace}/${o.reached.service}` : "none";
  return `entrypoint ${route.entrypoint}, status ${o.status ?? "none"}, expected ${expected}, reached ${reached}${o.certificate ? `, certificate ${o.certificate.altNames.join(" ")}` : ""}, ${o.attempts} attempt(s)`;
}

const xml = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
