/** Shared by the echo server (inside the sandbox) and kubegate: only plain values, no imports. */

/** One HTTP listener of the echo server. */
export interface EchoListener {
  address: string;
  port: number;
  namespace: string;
  service: string;
}

/** What a stand-in answers to any request. */
export interface EchoAnswer {
  namespace: string;
  service: string;
  /** The port the request reached (the Service's resolved target port). */
  port: number;
  /** The request target as received (path and query). */
  path: string;
  /** The Host header as received. */
  host: string;
}

/** Printed once every listener is up: `kubegate-echo: listening on <n> address(es)`. */
export const ECHO_READY_LINE = "kubegate-echo: listening on";
/** Response header naming the stand-in: `<namespace>/<service>:<port>`. */
export const STANDIN_HEADER = "x-kubegate-standin";

/**
 * File (JSON array of "address:port") naming listeners that refuse connections, re-read on
 * SIGHUP: staging's emulation of NetworkPolicies that deny the ingress controller's traffic.
 */
export const ECHO_REFUSE_FILE_ENV = "KUBEGATE_ECHO_REFUSE_FILE";
/** Printed after each (re)load: `kubegate-echo: refusing <n> listener(s)`. */
export const ECHO_REFUSING_LINE = "kubegate-echo: refusing";

/**
 * File (JSON object "address:port" -> {cert, key} PEM) naming listeners that serve a certificate
 * of their own instead of the default one: stand-ins for pods that terminate TLS themselves serve
 * what the pod would. Re-read on SIGHUP, like the refuse file (the served certificate changes
 * between base and head).
 */
export const ECHO_LISTENER_TLS_FILE_ENV = "KUBEGATE_ECHO_LISTENER_TLS_FILE";
/** Printed after each (re)load of that file: `kubegate-echo: serving <n> listener certificate(s)`. */
export const ECHO_SERVING_LINE = "kubegate-echo: serving";
