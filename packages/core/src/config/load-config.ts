import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { Ajv } from "ajv";
import yaml from "js-yaml";
import { InputError } from "../model/input-error.js";
import type { KubegateConfig } from "./config.js";
import { CONFIG_SCHEMA } from "./config-schema.js";
import { checkRuleIds } from "./rule-ids.js";

export const DEFAULT_CONFIG_FILE = "kubegate.yaml";

const validate = new Ajv({ allErrors: true, strict: false }).compile(CONFIG_SCHEMA);

/** Reads kubegate.yaml; a missing default file is an empty config, a missing named file an error. */
export async function loadConfig(file: string | undefined): Promise<KubegateConfig> {
  const path = file ?? DEFAULT_CONFIG_FILE;
  if (!file && !existsSync(path)) return {};
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new InputError([{ file: path, message: "config file not found" }]);
  }
  return parseConfig(text, path);
}

export function parseConfig(text: string, file: string): KubegateConfig {
  let value: unknown;
  try {
    value = yaml.load(text, { filename: file }) ?? {};
  } catch (error) {
    const line = error instanceof yaml.YAMLException ? error.mark.line + 1 : undefined;
    throw new InputError([{ file, ...(line ? { line } : {}), message: `invalid YAML: ${error instanceof yaml.YAMLException ? error.reason : String(error)}` }]);
  }
  if (!validate(value)) {
    throw new InputError((validate.errors ?? []).map((e) => {
      const extra = e.params && "additionalProperty" in e.params ? `/${String(e.params.additionalProperty)}` : "";
      const line = lineOf(text, e.instancePath + extra);
      return {
      file,
      ...(line ? { line } : {}),
      message: `${e.instancePath || "config"} ${e.message ?? "is invalid"}${e.params && "additionalProperty" in e.params ? `: ${String(e.params.additionalProperty)}` : ""}`,
    };
    }));
  }
  checkRuleIds(value as KubegateConfig, text, file);
  return value as KubegateConfig;
}

/** Best-effort line of the last named key of a JSON pointer, so config errors point somewhere useful. */
function lineOf(text: string, pointer: string): number | undefined {
  const key = pointer.split("/").filter((s) => s !== "" && !/^\d+$/.test(s)).pop();
  if (!key) return undefined;
  const idx = text.split("\n").findIndex((l) => new RegExp(`^\\s*-?\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*:`).test(l));
  return idx < 0 ? undefined : idx + 1;
}
