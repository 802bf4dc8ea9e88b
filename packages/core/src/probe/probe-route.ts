import { checkCertificate } from "./check-certificate.js";
import type { ExpectedBackend, ProbeResult, ProbeTarget } from "./probe-target.js";
import { sendRequest, type RawAnswer } from "./request.js";
import { sleep } from "../util/sleep.js";

export interface ProbeOptions {
  /** Per request. */
  timeoutMs?: number;
  /** Keep retrying until this long has passed (the controller may still be syncing). */
  retryForMs?: number;
  intervalMs?: number;
  /**
   * Stop retrying early when the very same failure (status, backend reached, certificate served,
   * problem) has been seen for this long: a controller that has synced answers the same way every
   * time, and waiting out the whole window only delays a verdict that is already clear.
   * Connection failures are never considered stable (the listener may still be starting).
   */
  stableFailureMs?: number;
  signal?: AbortSignal;
}

/** Probes one target, retrying failures until `retryForMs` has passed: the last answer counts. */
export async function probeRoute(target: ProbeTarget, options: ProbeOptions = {}): Promise<ProbeResult> {
  const started = Date.now();
  const retryFor = target.retryForMs ?? options.retryForMs ?? 0;
  let attempts = 0;
  let last: Omit<ProbeResult, "attempts" | "elapsedMs">;
  let sameSince = started;
  let previous = "";
  for (;;) {
    attempts++;
    last = await probeOnce(target, options);
    if (last.ok || Date.now() - started >= retryFor || options.signal?.aborted) break;
    const now = failureSignature(last);
    if (now !== previous) {
      previous = now;
      sameSince = Date.now();
    } else if (options.stableFailureMs !== undefined && last.status !== undefined && Date.now() - sameSince >= options.stableFailureMs) {
      break;
    }
    await sleep(options.intervalMs ?? 250, options.signal);
  }
  return { ...last, attempts, elapsedMs: Date.now() - started };
}

function failureSignature(r: Omit<ProbeResult, "attempts" | "elapsedMs">): string {
  return JSON.stringify([r.status, r.reached, r.certificate?.fingerprint256, r.problem]);
}

async function probeOnce(target: ProbeTarget, options: ProbeOptions): Promise<Omit<ProbeResult, "attempts" | "elapsedMs">> {
  let answer: RawAnswer;
  try {
    answer = await sendRequest(target, options.timeoutMs ?? 3000, options.signal);
  } catch (error) {
    return { ok: false, problem: `no answer: ${error instanceof Error ? error.message : String(error)}` };
  }
  const reached = standInOf(answer);
  const certificate = target.tls && answer.peerCertificate ? checkCertificate(target.host, answer.peerCertificate, target.ca) : undefined;
  const problem = judge(target, answer.status, reached, certificate) ?? headerProblem(target, answer.headers);
  return { ok: problem === undefined, status: answer.status, ...(reached ? { reached } : {}), ...(certificate ? { certificate } : {}), ...(problem ? { problem } : {}) };
}

function judge(target: ProbeTarget, status: number, reached: ExpectedBackend | undefined, certificate: ProbeResult["certificate"]): string | undefined {
  if (target.tls) {
    if (!certificate) return "no certificate served";
    if (!certificate.coversHost) return `certificate for ${certificate.altNames.join(", ") || certificate.subject} does not cover ${target.host}`;
    if (target.ca && !certificate.trusted) return `certificate (issuer ${certificate.issuer}) does not chain to the expected CA`;
  }
  if (target.expectStatus !== undefined && status !== target.expectStatus) return `status ${status}, expected ${target.expectStatus}`;
  if (target.expectStatus === undefined && status >= 400) return `status ${status}`;
  const expected = target.expected;
  if (!expected) return undefined;
  if (!reached) return `status ${status} but no stand-in answered (the controller answered itself)`;
  if (reached.namespace !== expected.namespace || reached.service !== expected.service) return `reached ${reached.namespace}/${reached.service}, expected ${expected.namespace}/${expected.service}`;
  return undefined;
}

function headerProblem(target: ProbeTarget, headers: RawAnswer["headers"]): string | undefined {
  for (const [name, pattern] of Object.entries(target.expectHeaders ?? {})) {
    const value = headers[name.toLowerCase()];
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (text === undefined) return `response has no ${name} header`;
    if (!new RegExp(pattern).test(text)) return `response header ${name}: ${text} does not match ${pattern}`;
  }
  return undefined;
}

/** Stand-ins answer JSON naming themselves, marked by a header so app bodies are never misread. */
function standInOf(answer: RawAnswer): ExpectedBackend | undefined {
  if (!answer.headers["x-kubegate-standin"]) return undefined;
  try {
    const body = JSON.parse(answer.body) as { namespace?: string; service?: string; port?: number | string };
    if (typeof body.namespace !== "string" || typeof body.service !== "string") return undefined;
    return { namespace: body.namespace, service: body.service, ...(body.port !== undefined ? { port: body.port } : {}) };
  } catch {
    return undefined;
  }
}
