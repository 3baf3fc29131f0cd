import type { StorageAdapter } from "@skein/storage";
import { storageKinds, type StorageKind } from "../components.js";
import { StartupError } from "../pipeline/errors.js";

/**
 * Loads the adapter of a storage kind listed in components.ts (importing its package on first
 * use). Throws StartupError if the package cannot be loaded or exports an adapter of another kind.
 */
export async function loadStorageAdapter(kind: StorageKind): Promise<StorageAdapter> {
  let adapter: StorageAdapter;
  try {
    adapter = await storageKinds[kind]();
  } catch (error) {
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
