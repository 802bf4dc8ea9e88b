import { certificateCoversName, coveredNames, type TlsEndpoint } from "../../certificates/index.js";
import type { ReportInput } from "../rule.js";
import { certificateText, endpointText, nameList } from "./describe.js";

/**
 * Names base's certificate covered at a Service port whose pods terminate TLS and head's does
 * not: clients that connect with them fail the handshake (incident 004). Routes' hosts are
 * tls-source-changed's to judge (a host the controller still routes with an uncovered certificate).
 */
export function lostNames(before: TlsEndpoint, now: TlsEndpoint): ReportInput | undefined {
  const was = before.certificate;
  const is = now.certificate;
  const guessed = now.tiedByConfig ? "" : " (the port is taken for TLS by its name or number: say so in review if it is not)";
  if (!was.visible && !is.visible) return undefined;
  if (!was.visible) {
    if (was.origin === is.origin) return undefined;
    return {
      manifest: now.manifest,
      severity: "info",
      message:
        `${endpointText(now)}: base's certificate is not visible (${was.origin}), so the names clients used cannot be compared; ` +
        `head serves ${certificateText(is)}: make sure it covers every name clients connect with${guessed} (incident 004)`,
    };
  }
  if (!is.visible) {
    return {
      manifest: now.manifest,
      severity: "warning",
      message:
        `${endpointText(now)}: base served ${certificateText(was)}; head's certificate is not visible (${is.origin}): ` +
        `make sure it still covers ${nameList(coveredNames(was))}${guessed} (incident 004)`,
    };
  }
  const lost = coveredNames(was).filter((n) => !certificateCoversName(is, n));
  if (lost.length === 0) return undefined;
  return {
    manifest: now.manifest,
    severity: "critical",
    message:
      `${endpointText(now)} no longer covers ${nameList(lost)}: base served ${certificateText(was)}, head serves ${certificateText(is)}: ` +
      `clients that connect with ${lost.length > 1 ? "these names" : "this name"} fail the TLS handshake${guessed} (incident 004)`,
  };
}
