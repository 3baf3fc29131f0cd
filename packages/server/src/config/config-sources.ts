import { readFile } from "node:fs/promises";
import { parse as parseYaml } from "yaml";
import { ConfigError } from "./config-error.js";
import { CONFIG_KEYS } from "./config-keys.js";

/**
 * Raw values per key from one source, before validation, with a label saying where each came from
 * (error messages quote it). Keys a source does not set are absent.
 */
export interface ConfigSource {
  values: Record<string, unknown>;
  /** "flag --http-port", "env SKEIN_HTTP_PORT", "config file /etc/skein.yaml" */
  labelOf(key: string): string;
}

/** `SKEIN_*` variables named in CONFIG_KEYS; empty variables count as unset. Others are ignored. */
export function envSource(env: Record<string, string | undefined>): ConfigSource {
  const values: Record<string, unknown> = {};
  for (const spec of CONFIG_KEYS) {
    const value = env[spec.env];
    if (value !== undefined && value !== "") values[spec.key] = value;
  }
  return { values, labelOf: (key) => `env ${CONFIG_KEYS.find((spec) => spec.key === key)?.env ?? key}` };
}

/** Flag values keyed by config key (commander's camelCase names); undefined = flag not given. */
export function flagSource(flags: Record<string, unknown>): ConfigSource {
  const values: Record<string, unknown> = {};
  for (const spec of CONFIG_KEYS) {
    if (flags[spec.key] !== undefined) values[spec.key] = flags[spec.key];
  }
  return { values, labelOf: (key) => `flag ${CONFIG_KEYS.find((spec) => spec.key === key)?.flag.split(" ")[0] ?? key}` };
}

/**
 * A YAML mapping of config keys (camelCase, as in the schema). An empty file is an empty mapping.
 * Unknown keys are kept so validation can name them. Throws ConfigError if the file cannot be read
 * or is not a YAML mapping.
 */
export async function fileSource(path: string): Promise<ConfigSource> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}; check the --config path`, { cause: error });
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid YAML: ${(error as Error).message}`, { cause: error });
  }
  if (document === null || document === undefined) document = {};
  if (typeof document !== "object" || Array.isArray(document)) {
    throw new ConfigError(`config file ${path} must be a YAML mapping of keys (such as "httpPort: 16686"), not ${Array.isArray(document) ? "a list" : typeof document}`);
  }
  return { values: { ...(document as Record<string, unknown>) }, labelOf: () => `config file ${path}` };
}
