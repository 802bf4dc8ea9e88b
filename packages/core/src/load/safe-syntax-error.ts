import yaml from "js-yaml";
import { jsonErrorOffset, lineColumnAt } from "./json-error-position.js";

/**
 * Parser messages quote the input: js-yaml prints a snippet and names unknown tags and aliases
 * (`unknown tag !<hunter2>`), V8 quotes about ten characters of bad JSON. A manifest's values
 * may be secrets, so errors are rebuilt from the position and a fixed wording only.
 */
export interface SafeSyntaxError {
  /** 1-based, relative to the parsed text. */
  line: number;
  column: number;
  message: string;
}

const YAML_REASONS: Array<[RegExp, string]> = [
  [/^unknown tag/, "unknown tag (quote a value that starts with !)"],
  [/^unidentified alias/, "unknown alias (quote a value that starts with *)"],
  [/^cannot resolve a node with/, "a value does not match its explicit tag"],
  [/^unacceptable node kind/, "a node does not match its tag"],
  [/^(tag |undeclared tag handle|named tag handle|there is a previously declared suffix)/, "malformed tag"],
  [/^nesting exceeded maxDepth/, "nesting is deeper than the depth limit"],
];

export function safeYamlError(error: yaml.YAMLException): SafeSyntaxError {
  const reason = error.reason ?? "";
  const fixed = YAML_REASONS.find(([re]) => re.test(reason))?.[1];
  // Every other js-yaml reason is fixed text; cut defensively at anything that could start a quote.
  const message = fixed ?? (reason.split(/["'!*<:&]/)[0]!.trim() || "syntax error");
  return { line: (error.mark?.line ?? 0) + 1, column: (error.mark?.column ?? 0) + 1, message: `invalid YAML: ${message}` };
}

export function safeJsonError(text: string): SafeSyntaxError {
  const offset = jsonErrorOffset(text);
  const at = lineColumnAt(text, offset < 0 ? text.length : offset);
  const what = offset >= text.length || offset < 0 ? "unexpected end of input" : "unexpected character";
  return { ...at, message: `invalid JSON: ${what}` };
}
