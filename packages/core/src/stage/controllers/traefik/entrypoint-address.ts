/** Traefik entrypoint addresses: ":8000", ":8000/tcp", "0.0.0.0:443", "[::]:80/udp". */

export interface ParsedAddress {
  host: string;
  port: number;
  protocol: "tcp" | "udp";
  /** "/tcp", "/udp" or "" as written. */
  protocolSuffix: string;
}

/** Reads an entrypoint address: ":8000", ":8000/tcp", "0.0.0.0:443", "[::]:80/udp". */
export function parseAddress(address: string): ParsedAddress | undefined {
  const m = /^(\[[^\]]*\]|[^:/]*):(\d{1,5})(\/(tcp|udp))?$/i.exec(address.trim());
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const protocol = (m[4]?.toLowerCase() ?? "tcp") as "tcp" | "udp";
  return { host: m[1]!.replace(/^\[|\]$/g, ""), port, protocol, protocolSuffix: m[3] ?? "" };
}

export function isWildcardOrLoopback(host: string): boolean {
  return host === "" || host === "0.0.0.0" || host === "::" || host === "localhost" || host === "::1" || host.startsWith("127.");
}
