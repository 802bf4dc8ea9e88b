import { LIMIT_FLAGS, type LoadLimits } from "./limits.js";

/**
 * Walks a parsed document once, iteratively, and names the first limit it breaks: nesting depth,
 * keys of one map (or items of one list), or nodes in all (aliases expanded: js-yaml shares one
 * object per alias, so a "billion laughs" document is cheap to parse but explodes any later walk).
 * Every later step (normalize, diff, rules) recurses and spreads, so this runs before them.
 */
export function shapeProblem(root: unknown, limits: LoadLimits): string | undefined {
  let nodes = 0;
  // Text the document expands to: one long string aliased many times is few nodes but gigabytes
  // once diffed and printed. No document may expand past what one file may hold.
  let bytes = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++nodes > limits.maxNodes) return `document expands to more than ${limits.maxNodes} nodes (YAML alias bomb?)`;
    if (typeof node === "string" && (bytes += node.length) > limits.maxFileBytes) {
      return `document's text expands to more than ${Math.round(limits.maxFileBytes / 1024 / 1024)} MiB (YAML aliases repeating a long value?; raise with ${LIMIT_FLAGS.maxFileBytes})`;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth >= limits.maxDepth) return `nesting is deeper than ${limits.maxDepth} levels (raise with ${LIMIT_FLAGS.maxDepth})`;
    const children = Array.isArray(node) ? node : Object.values(node);
    if (children.length > limits.maxKeys) {
      return `a ${Array.isArray(node) ? "list has" : "map has"} ${children.length} entries, over the limit of ${limits.maxKeys} (raise with ${LIMIT_FLAGS.maxKeys})`;
    }
    for (const child of children) stack.push([child, depth + 1]);
  }
  return undefined;
}
