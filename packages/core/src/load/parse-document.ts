import yaml from "js-yaml";
import type { InputProblem } from "../model/input-error.js";
import { shapeProblem } from "./check-shape.js";
import { DEFAULT_LIMITS, LIMIT_FLAGS, type LoadLimits } from "./limits.js";
import { safeJsonError, safeYamlError, type SafeSyntaxError } from "./safe-syntax-error.js";
import type { RawDocument } from "./split-documents.js";

export type ParseResult = { ok: true; value: unknown } | { ok: false; problem: InputProblem };

/**
 * Parses one document. Problems carry file, line, column and document, never the input's
 * text: parser messages are rebuilt from positions (safe-syntax-error.ts).
 */
export function parseDocument(file: string, doc: RawDocument, format: "yaml" | "json", limits: LoadLimits = DEFAULT_LIMITS): ParseResult {
  const at = { file, documentIndex: doc.documentIndex };
  let value: unknown;
  try {
    // js-yaml rejects duplicate mapping keys by default, which is what we want: kubectl would
    // silently keep the last one and hide an edit. Its own maxDepth stops deep flow nesting early.
    value = format === "json" ? JSON.parse(doc.text) : yaml.load(doc.text, { maxDepth: limits.maxDepth + 1 } as yaml.LoadOptions);
  } catch (error) {
    const safe = syntaxError(error, doc.text, format);
    return { ok: false, problem: { ...at, line: doc.line + safe.line - 1, column: safe.column, message: depthHint(safe.message) } };
  }
  const shape = shapeProblem(value, limits);
  if (shape) return { ok: false, problem: { ...at, line: doc.line, message: shape } };
  return { ok: true, value };
}

function syntaxError(error: unknown, text: string, format: "yaml" | "json"): SafeSyntaxError {
  if (error instanceof yaml.YAMLException) return safeYamlError(error);
  if (format === "json") return safeJsonError(text);
  // A RangeError (call stack) or anything else the parser throws: position unknown, content never shown.
  return { line: 1, column: 1, message: error instanceof RangeError ? "nesting is too deep to parse" : "the document cannot be parsed" };
}

function depthHint(message: string): string {
  return /depth limit|too deep/.test(message) ? `${message} (raise with ${LIMIT_FLAGS.maxDepth})` : message;
}
