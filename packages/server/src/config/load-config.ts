import { resolve } from "node:path";
import type { z } from "zod";
import { ConfigError } from "./config-error.js";
import { CONFIG_KEYS } from "./config-keys.js";
import { skeinConfigSchema, type SkeinConfig } from "./config-schema.js";
import { envSource, fileSource, flagSource, type ConfigSource } from "./config-sources.js";
import { MASK, maskUrlPasswords } from "./secrets.js";

export interface ConfigInputs {
  /** Flag values by config key; undefined = not given. */
  flags?: Record<string, unknown>;
  /** Usually process.env; only the SKEIN_* names of CONFIG_KEYS are read. */
  env?: Record<string, string | undefined>;
  /** Path of a YAML file (`--config`). */
  configFile?: string;
  /** Base of a relative dataDir and configFile; defaults to process.cwd(). */
  cwd?: string;
}

/**
 * Merges the sources — flags over env over the YAML file over the schema defaults — and validates
 * the result. Throws ConfigError naming every bad key, its source and what is allowed. The
 * returned dataDir is absolute.
 */
export async function loadConfig(inputs: ConfigInputs = {}): Promise<SkeinConfig> {
  const cwd = inputs.cwd ?? process.cwd();
  const sources: ConfigSource[] = [];
  if (inputs.configFile !== undefined) sources.push(await fileSource(resolve(cwd, inputs.configFile)));
  sources.push(envSource(inputs.env ?? {}));
  sources.push(flagSource(inputs.flags ?? {}));

  const merged: Record<string, unknown> = {};
  const origin = new Map<string, ConfigSource>();
  for (const source of sources) {
    for (const [key, value] of Object.entries(source.values)) {
      merged[key] = value;
      origin.set(key, source);
    }
  }
  const result = skeinConfigSchema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => describeIssue(issue, merged, origin));
    throw new ConfigError(`invalid configuration:\n${lines.map((line) => `  - ${line}`).join("\n")}`, { cause: result.error });
  }
  return { ...result.data, dataDir: resolve(cwd, result.data.dataDir) };
}

function describeIssue(issue: z.core.$ZodIssue, merged: Record<string, unknown>, origin: Map<string, ConfigSource>): string {
  if (issue.code === "unrecognized_keys") {
    const where = [...new Set(issue.keys.map((key) => origin.get(key)?.labelOf(key) ?? "input"))].join(", ");
    const allowed = CONFIG_KEYS.map((spec) => spec.key).join(", ");
    return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((key) => `"${key}"`).join(", ")} in ${where}; allowed keys: ${allowed}`;
  }
  const key = String(issue.path[0] ?? "");
  const spec = CONFIG_KEYS.find((candidate) => candidate.key === key);
  const from = origin.get(key)?.labelOf(key) ?? "default";
  // Secret keys are never quoted; a URL (clickhouseUrl, clickhouseShardUrls) loses its password.
  const value = spec?.secret === true ? `"${MASK}"` : maskUrlPasswords(JSON.stringify(merged[key]) ?? "undefined");
  if (issue.code === "custom") return `${key} ${value} (from ${from}): ${issue.message}`;
  return `${key} ${value} (from ${from}) is invalid; allowed: ${spec?.allowed ?? issue.message}`;
}
