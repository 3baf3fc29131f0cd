import { useEffect, useState, type DependencyList } from "react";

/** What a page renders while an API call is in flight, after it failed, and after it answered. */
export type ApiState<T> = { status: "loading" } | { status: "error"; error: unknown } | { status: "ok"; data: T };

/**
 * Runs `load` whenever `deps` change, aborting the previous call; the state always belongs to the
 * latest deps (a slow stale answer never overwrites a newer one). `load` must honour the signal.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: "ok", data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: "error", error });
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the contract
  }, deps);
  return state;
}
