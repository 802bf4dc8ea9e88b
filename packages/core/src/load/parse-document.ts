import yaml from "js-yaml";
import type { InputProblem } from "../model/input-error.js";
import type { RawDocument } from "./split-documents.js";

/**
 * How many nodes one document may expand to. Aliases in js-yaml share one JS object, so a
 * "billion laughs" document is cheap to parse but explodes any later walk; the budget stops it.
 */
export const MAX_NODES_PER_DOCUMENT = 1_000_000;

export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: InputProblem };

export function parseDocument(file: string, doc: RawDocument, format: "yaml" | "json"): ParseResult {
  const at = { file, documentIndex: doc.documentIndex };
  let value: unknown;
  try {
    // js-yaml rejects duplicate mapping keys by default, which is what we want: kubectl would
    // silently keep the last one and hide an edit.
    value = format === "json" ? JSON.parse(doc.text) : yaml.load(doc.text, { filename: file });
  } catch (error) {
    return { ok: false, problem: { ...at, line: errorLine(error, doc), message: describe(error) } };
  }
  if (countNodes(value, MAX_NODES_PER_DOCUMENT) > MAX_NODES_PER_DOCUMENT) {
    return {
      ok: false,
      problem: { ...at, line: doc.line, message: `document expands to more than ${MAX_NODES_PER_DOCUMENT} nodes (YAML alias bomb?)` },
    };
  }
  return { ok: true, value };
}

function errorLine(error: unknown, doc: RawDocument): number {
  if (error instanceof yaml.YAMLException && error.mark) return doc.line + error.mark.line;
  const pos = /position (\d+)/.exec(String(error))?.[1];
  if (pos !== undefined) return doc.line + doc.text.slice(0, Number(pos)).split("\n").length - 1;
  return doc.line;
}

function describe(error: unknown): string {
  if (error instanceof yaml.YAMLException) return `invalid YAML: ${error.reason}`;
  if (error instanceof SyntaxError) return `invalid JSON: ${error.message}`;
  return String(error);
}

/** Counts nodes as a consumer would see them (aliases expanded), stopping past the limit. */
function countNodes(root: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0 && count <= limit) {
    const node = stack.pop();
    count++;
    if (Array.isArray(node)) stack.push(...node);
    else if (node !== null && typeof node === "object") stack.push(...Object.values(node));
  }
  return count;
}
