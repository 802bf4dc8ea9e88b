import { InputError, REPORT_MARKER } from "@kubegate/core";
import { InputsError, UnsupportedFeatureError } from "./inputs.js";
import { ToolsUnavailableError } from "./tools-cache.js";

/** What kind of failure stopped the check, for the first line of every message. */
export function errorKind(error: unknown): string {
  if (error instanceof InputError) return "bad manifest or config input";
  if (error instanceof InputsError) return "invalid action inputs";
  if (error instanceof UnsupportedFeatureError) return "unsupported feature";
  if (error instanceof ToolsUnavailableError) return "staging error";
  return "internal error";
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The markdown for a check that could not finish (summary and sticky comment): fail closed, say why. */
export function errorMarkdown(error: unknown): string {
  const message = errorMessage(error).replace(/```/g, "'''");
  return [
    REPORT_MARKER,
    "## 💥 kubegate: **ERROR**",
    "",
    `kubegate could not finish the check (${errorKind(error)}), so the job fails closed.`,
    "",
    "```text",
    message,
    "```",
    "",
  ].join("\n");
}
