import type { Tri } from "./tri.js";

/**
 * Whether a CIDR in a policy admits the ingress controller's pods. Pod IPs are not in the
 * manifests: 0.0.0.0/0 and ::/0 admit everything, a CIDR overlapping private, CGNAT or IPv6 ULA
 * space might hold the pod network ("maybe"), a public one does not.
 */
export function cidrAdmitsPods(cidr: string): Tri {
  const v4 = parseV4(cidr);
  if (v4) {
    if (v4.bits === 0) return true;
    return POD_RANGES_V4.some((r) => overlaps(v4, r)) ? "maybe" : false;
  }
  const v6 = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(cidr.trim());
  if (v6) {
    if (Number(v6[2]) === 0) return true;
    return "maybe";
  }
  return "maybe";
}

/** True for 0.0.0.0/0 and ::/0. */
export function cidrIsAll(cidr: string): boolean {
  return /^(0\.0\.0\.0|::)\/0$/.test(cidr.trim());
}

type V4 = { base: number; bits: number };

const POD_RANGES_V4: V4[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map((c) => parseV4(c)!);

function parseV4(cidr: string): V4 | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(cidr.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  return { base: bits === 0 ? 0 : base - (base % 2 ** (32 - bits)), bits };
}

function overlaps(a: V4, b: V4): boolean {
  const bits = Math.min(a.bits, b.bits);
  const size = 2 ** (32 - bits);
  return Math.floor(a.base / size) === Math.floor(b.base / size);
}
