import type { StorageAdapter } from "@skein/storage";
import { storageKinds, type StorageKind, type StorageKindEntry } from "../components.js";
import { StartupError } from "../pipeline/errors.js";

/** Imports a storage kind's adapter package; components.ts by default, a stand-in in tests. */
export type StorageAdapterLoader = (kind: StorageKind, entry: StorageKindEntry) => Promise<StorageAdapter>;

const loadFromComponents: StorageAdapterLoader = (_kind, entry) => entry.load();

/**
 * Loads the adapter of a storage kind listed in components.ts (importing its package on first
 * use). Throws StartupError if the package is not installed (saying how to install it), cannot be
 * loaded, or exports an adapter of another kind.
 */
export async function loadStorageAdapter(kind: StorageKind, load: StorageAdapterLoader = loadFromComponents): Promise<StorageAdapter> {
  const entry: StorageKindEntry = storageKinds[kind];
  let adapter: StorageAdapter | undefined;
  try {
    adapter = await load(kind, entry);
  } catch (error) {
    if (isPackageMissing(error, entry.packageName)) throw notInstalledError(kind, entry, error);
    throw new StartupError(
      `cannot load the "${kind}" storage adapter: ${(error as Error).message}. Reinstall Skein (npm install) or choose another kind with --storage`,
      { cause: error },
    );
  }
  if (adapter?.kind !== kind || typeof adapter.create !== "function") {
    throw new StartupError(`the "${kind}" storage package does not export a "${kind}" StorageAdapter as its default; it is broken or out of date`);
  }
  return adapter;
}

/** Node's ESM loader error for an import of `packageName` itself (not of a file or dependency inside it). */
function isPackageMissing(error: unknown, packageName: string): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "ERR_MODULE_NOT_FOUND" && typeof message === "string" && message.includes(`'${packageName}'`);
}

function notInstalledError(kind: StorageKind, entry: StorageKindEntry, cause: unknown): StartupError {
  const how = entry.optional
    ? `install it next to Skein with \`npm install ${entry.packageName}\` (or reinstall Skein with its optional dependencies: \`npm install --include=optional\`)`
    : `reinstall Skein (\`npm install\`)`;
  const instead = kind === "duckdb" ? "" : ". Or run with --storage duckdb, the embedded default, which needs nothing else";
  return new StartupError(`--storage ${kind} needs the package ${entry.packageName}, which is not installed: ${how}${instead}`, { cause });
}
