import { useState } from "react";
import type { ApiState } from "./use-api.js";

/** What a results page shows: its answer, or the previous answer of the same query while it runs again. */
export interface ShownAnswer<T> {
  state: ApiState<T>;
  /** True while `state` is the previous answer of the same query, kept on screen during a re-run. */
  refreshing: boolean;
  /** The history entry `state` belongs to (the previous one while refreshing): keys per-entry memory. */
  entry: string;
}

/**
 * Keeps the last answer on screen while the SAME query runs again (a re-submit replaces the entry
 * and searches anew): the page shows it dimmed instead of collapsing to "Searching…", so it keeps
 * its height and the window keeps its scroll position, as Jaeger and Honeycomb do. Any other query
 * (a new search, Back to an entry whose answer is not remembered) shows its own loading state:
 * rows of another query are never shown as if they answered this one. `query` must be canonical
 * (written from the parsed query), so equal queries compare equal.
 */
export function useKeptAnswer<T>(state: ApiState<T>, query: string, entry: string): ShownAnswer<T> {
  const [kept, setKept] = useState<{ query: string; entry: string; data: T } | null>(null);
  if (state.status === "ok" && (kept === null || kept.data !== state.data || kept.query !== query || kept.entry !== entry)) {
    // Adjusting state while rendering (React re-renders at once, before committing this render).
    setKept({ query, entry, data: state.data });
  }
  if (state.status === "loading" && kept !== null && kept.query === query) {
    return { state: { status: "ok", data: kept.data }, refreshing: true, entry: kept.entry };
  }
  return { state, refreshing: false, entry };
}
