import { formatByteSize } from "../config/byte-size.js";
import { CONFIG_KEYS, type ConfigKeySpec } from "../config/config-keys.js";
import { defaultConfig } from "../config/config-schema.js";
import { formatRetentionDuration } from "../config/retention-duration.js";

/** The default of a key as a user would type it ("16MiB", "none"). */
export function defaultText(spec: ConfigKeySpec): string {
  const value = defaultConfig()[spec.key];
  if (spec.key === "maxRequestBytes" || spec.key === "storageMemoryLimit" || spec.key === "clickhouseSpoolLimit") return formatByteSize(value as number);
  if (spec.key === "retention") return value === 0 ? "0 = keep everything" : formatRetentionDuration(value as number);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.join(",");
  if (value === undefined) return "none";
  if (value === "") return "empty";
  return String(value);
}

/** The help line of a `skein start` flag: what it sets, its env variable, its default. */
export function optionHelp(spec: ConfigKeySpec): string {
  return `${spec.description} (env ${spec.env}, default ${defaultText(spec)})`;
}

/** A table of every key for `skein --help`: YAML key, flag, env variable, default. */
export function configTable(): string {
  const rows = [["YAML key", "flag", "env", "default"], ...CONFIG_KEYS.map((spec) => [spec.key, spec.flag.split(" ")[0], spec.env, defaultText(spec)])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd()}`).join("\n");
}
