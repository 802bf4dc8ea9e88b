import type { ProxyTlsListener } from "./envoy-config.js";

/**
 * nginx `server { listen <port> ssl; ssl_certificate <file>; }` blocks. Only what a server block
 * says itself is read (no includes, no http-level inheritance): enough to tie a file to a port.
 */
export function nginxTlsListeners(text: string): ProxyTlsListener[] {
  const out: ProxyTlsListener[] = [];
  const clean = text.replace(/#[^\n]*/g, "");
  for (const block of serverBlocks(clean)) {
    const ports = [...block.matchAll(/(?:^|[;{}\s])listen\s+([^;]+);/g)]
      .map((m) => m[1]!.trim().split(/\s+/))
      .filter((words) => words.includes("ssl"))
      .map((words) => Number(/(\d+)$/.exec(words[0]!)?.[1]))
      .filter((p) => Number.isInteger(p));
    const certificate = /(?:^|[;{}\s])ssl_certificate\s+([^;\s]+)\s*;/.exec(block)?.[1];
    if (!certificate) continue;
    for (const port of ports) out.push({ proxy: "nginx", port, certificatePath: certificate.replace(/^["']|["']$/g, "") });
  }
  return out;
}

/** The bodies of `server { ... }` blocks, braces balanced. */
function serverBlocks(text: string): string[] {
  const out: string[] = [];
  const start = /(?:^|[;{}\s])server\s*\{/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    let depth = 1;
    let i = m.index + m[0].length;
    const from = i;
    for (; i < text.length && depth > 0; i++) depth += text[i] === "{" ? 1 : text[i] === "}" ? -1 : 0;
    out.push(text.slice(from, i - 1));
    start.lastIndex = i;
  }
  return out;
}
