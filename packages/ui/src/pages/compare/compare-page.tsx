import { useMemo, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { TRACE_DIFF_STATUSES } from "@skein/model/api";
import { traceInsightsApi } from "../../api/trace-insights-api.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { parseTraceIdInput } from "../trace/trace-actions/trace-id-input.js";
import { CompareForm } from "./compare-form.js";
import { CompareSummary } from "./compare-summary.js";
import { countStatuses, readShownStatuses, visibleEntries, writeShownStatuses, type DiffStatus } from "./diff-filter.js";
import { DiffTree } from "./diff-tree.js";
import "./compare-page.css";

/** Rows drawn before "Show all" (a 100k-span diff would otherwise be 100k table rows at once). */
export const FIRST_ROWS = 2_000;

/**
 * `/compare?a=&b=[&show=slower,added]`: trace B against trace A (the baseline). Both traces'
 * summary, then the aligned span tree with each position marked added / missing / slower / faster
 * / unchanged, its durations linking into either trace, and b − a. The status filter lives in
 * `show` (absent: all). Without two valid ids the page asks for them.
 */
export function ComparePage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const a = parseTraceIdInput(params.get("a") ?? "");
  const b = parseTraceIdInput(params.get("b") ?? "");
  const compare = (nextA: string, nextB: string) => void navigate(`/compare?${new URLSearchParams({ a: nextA, b: nextB }).toString()}`);
  return (
    <div className="compare-page">
      <div className="compare-toolbar">
        <h1>Compare traces</h1>
      </div>
      {a === undefined || b === undefined ? (
        <CompareForm a={params.get("a") ?? ""} b={params.get("b") ?? ""} onCompare={compare} />
      ) : (
        <CompareResult key={`${a}:${b}`} a={a} b={b} />
      )}
    </div>
  );
}

function CompareResult({ a, b }: { a: string; b: string }) {
  const [params, setParams] = useSearchParams();
  const [attempt, setAttempt] = useState(0);
  const [showAll, setShowAll] = useState(false);
  const state = useApi((signal) => traceInsightsApi.compare(a, b, signal), [a, b, attempt]);
  const shown = readShownStatuses(params.get("show"));
  const entries = state.status === "ok" ? state.data.entries : undefined;
  const counts = useMemo(() => (entries === undefined ? undefined : countStatuses(entries)), [entries]);
  const showKey = [...shown].join(",");
  // eslint-disable-next-line react-hooks/exhaustive-deps -- showKey stands for `shown`
  const rows = useMemo(() => (entries === undefined ? [] : visibleEntries(entries, shown)), [entries, showKey]);

  const toggle = (status: DiffStatus) => {
    const next = new Set(shown.size === TRACE_DIFF_STATUSES.length ? [] : shown);
    if (next.has(status)) next.delete(status);
    else next.add(status);
    const updated = new URLSearchParams(params);
    const value = writeShownStatuses(next);
    if (value === null) updated.delete("show");
    else updated.set("show", value);
    setParams(updated, { replace: true });
  };

  if (state.status === "loading") {
    return (
      <p className="muted compare-loading" role="status">
        Comparing {a} with {b}…
      </p>
    );
  }
  if (state.status === "error") return <ApiErrorState error={state.error} onRetry={() => setAttempt((n) => n + 1)} />;
  const filtered = shown.size < TRACE_DIFF_STATUSES.length;
  const drawn = showAll ? rows : rows.slice(0, FIRST_ROWS);
  return (
    <>
      <CompareSummary answer={state.data} />
      <div className="compare-filters" role="group" aria-label="Show positions that are">
        {TRACE_DIFF_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            className={`compare-filter is-${status}`}
            aria-pressed={filtered && shown.has(status)}
            data-testid={`diff-filter-${status}`}
            onClick={() => toggle(status)}
          >
            {status} <span className="compare-filter-count">{counts?.[status] ?? 0}</span>
          </button>
        ))}
        {filtered && (
          <button type="button" className="compare-filter-clear" onClick={() => setParams(withoutShow(params), { replace: true })}>
            Show all
          </button>
        )}
      </div>
      {rows.length === 0 ? (
        <p className="muted" data-testid="diff-empty">
          No position has the chosen status.
        </p>
      ) : (
        <DiffTree rows={drawn} aTraceId={state.data.a.traceId} bTraceId={state.data.b.traceId} />
      )}
      {drawn.length < rows.length && (
        <button type="button" onClick={() => setShowAll(true)} data-testid="diff-show-all">
          Show all {rows.length.toLocaleString("en-US")} rows
        </button>
      )}
    </>
  );
}

function withoutShow(params: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(params);
  next.delete("show");
  return next;
}
