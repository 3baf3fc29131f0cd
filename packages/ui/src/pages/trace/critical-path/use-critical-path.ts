import { useMemo, useState } from "react";
import { traceInsightsApi } from "../../../api/trace-insights-api.js";
import { useApi } from "../../../api/use-api.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import { buildCriticalPathLookup, type CriticalPathLookup } from "./critical-path-lookup.js";

export type CriticalPathState =
  | { status: "off" }
  | { status: "loading" }
  | { status: "error"; error: unknown; retry: () => void }
  | { status: "ok"; lookup: CriticalPathLookup };

/**
 * The trace's critical path while `enabled` (the page's `?critical=1`): asked from the API when
 * switched on, indexed once per answer (buildCriticalPathLookup), nothing fetched or computed while
 * off, so the switch costs a large trace nothing until it is used.
 */
export function useCriticalPath(model: TraceModel, enabled: boolean): CriticalPathState {
  const [attempt, setAttempt] = useState(0);
  const state = useApi(async (signal) => (enabled ? traceInsightsApi.criticalPath(model.traceId, signal) : undefined), [model.traceId, enabled, attempt]);
  const answer = state.status === "ok" ? state.data : undefined;
  const lookup = useMemo(() => (answer === undefined ? undefined : buildCriticalPathLookup(model, answer.segments)), [model, answer]);
  if (!enabled) return OFF;
  if (state.status === "error") return { status: "error", error: state.error, retry: () => setAttempt((n) => n + 1) };
  if (lookup === undefined) return LOADING;
  return { status: "ok", lookup };
}

const OFF = { status: "off" } as const;
const LOADING = { status: "loading" } as const;
