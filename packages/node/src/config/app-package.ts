import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { AppPackage } from "./resolve-config.js";

const MAX_LEVELS = 8;

/**
 * name and version from the package.json nearest to the entry script (process.argv[1]), walking
 * up at most a few directories. A package.json with neither (e.g. `{"type":"module"}` in dist/)
 * is skipped. Synchronous and best-effort: a few small reads at startup, {} when nothing is found.
 */
export function readAppPackage(entryScript: string | undefined): AppPackage {
  if (!entryScript) return {};
  let dir = dirname(resolve(entryScript));
  for (let level = 0; level < MAX_LEVELS; level++) {
    const found = readPackage(join(dir, "package.json"));
    if (found) return found;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return {};
}

function readPackage(path: string): AppPackage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null) return undefined;
  const { name, version } = json as { name?: unknown; version?: unknown };
  const app: AppPackage = {};
  if (typeof name === "string" && name) app.name = name;
  if (typeof version === "string" && version) app.version = version;
  return app.name !== undefined || app.version !== undefined ? app : undefined;
}
