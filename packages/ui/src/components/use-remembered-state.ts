import { useEffect, useState, type Dispatch, type SetStateAction } from "react";
import type { LruCache } from "../api/lru-cache.js";

/**
 * useState whose value is also kept in `store` under `key` (a module-level LruCache keyed by
 * history entry), so a component that unmounts — the page left for a trace — starts from the same
 * value when it mounts again under the same key (Back). The caller remounts the component when
 * `key` changes (React `key`), so one mount only ever sees one key. `key` undefined: plain useState.
 */
export function useRememberedState<T>(store: LruCache<T>, key: string | undefined, initial: () => T): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() => (key === undefined ? undefined : store.get(key)) ?? initial());
  useEffect(() => {
    if (key !== undefined) store.set(key, value);
  }, [store, key, value]);
  return [value, setValue];
}
