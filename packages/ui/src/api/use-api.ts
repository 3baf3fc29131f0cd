import { useEffect, useMemo, useState, type DependencyList } from "react";
import type { LruCache } from "./lru-cache.js";

/** What a page renders while an API call is in flight, after it failed, and after it answered. */
export type ApiState<T> = { status: "loading" } | { status: "error"; error: unknown } | { status: "ok"; data: T };

/**
 * Where useApi remembers answers: `store` (a module-level LruCache, so it outlives the page's
 * mount) under `key` (e.g. the history entry's location.key). A remembered answer is returned at
 * once, with no call, in the first render: Back to a page shows what it showed before. Errors are
 * never remembered, so Retry always calls again; a refresh must use a new key.
 */
export interface ApiCache<T> {
  store: LruCache<T>;
  key: string;
}

/**
 * Runs `load` whenever `deps` change, aborting the previous call; the state always belongs to the
 * latest deps (a slow stale answer never overwrites a newer one). `load` must honour the signal.
 * With `cache`, an answer stored under `cache.key` is returned (in the same render) instead of
 * calling `load`, and a new answer is stored there (`deps` must then change whenever the key does;
 * an answer of `undefined` is never remembered).
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, cache?: ApiCache<T>): ApiState<T> {
  // The state remembers the deps it answers: in the first render after the deps change (before the
  // effect runs) the previous deps' answer must not be shown as if it were this one's.
  const [held, setHeld] = useState<{ deps: DependencyList; state: ApiState<T> }>({ deps, state: LOADING });
  const knownData = cache?.store.get(cache.key);
  const known = useMemo<ApiState<T> | undefined>(() => (knownData === undefined ? undefined : { status: "ok", data: knownData }), [knownData]);
  useEffect(() => {
    if (cache?.store.get(cache.key) !== undefined) return;
    const controller = new AbortController();
    setHeld({ deps, state: LOADING });
    load(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        cache?.store.set(cache.key, data);
        setHeld({ deps, state: { status: "ok", data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setHeld({ deps, state: { status: "error", error } });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the contract
  }, deps);
  // A remembered answer wins from the first render of its key: no flash of another entry's state.
  return known ?? (sameDeps(held.deps, deps) ? held.state : LOADING);
}

const LOADING = { status: "loading" } as const;

function sameDeps(a: DependencyList, b: DependencyList): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}
