import type { ApiLog, ApiTraceResponse } from "@skein/model/api";
import { useCallback, useMemo, useRef, useState, type ReactNode } from "react";
import { useParams, useSearchParams } from "react-router";
import { api } from "../../api/api-client.js";
import { isNotFound } from "../../api/api-error.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { ErrorBoundary } from "../../components/error-boundary.js";
import { groupTraceLogs } from "../../trace/trace-logs.js";
import { buildTraceModel } from "../../trace/trace-model.js";
import { FlameGraph } from "./flame-graph/flame-graph.js";
import { SpanDetails } from "./span-details/span-details.js";
import { TraceHeader } from "./trace-header/trace-header.js";
import { readTraceTab, TRACE_TABS, TraceTabs, tracePanelId, traceTabId, type TraceTab } from "./trace-header/trace-tabs.js";
import { TraceLogsTab } from "./trace-logs-tab/trace-logs-tab.js";
import { TraceNotes, TraceNotFound } from "./trace-page-notices.js";
import { loadTraceLogs, type LogsResult } from "./trace-page-logs.js";
import { TraceStats } from "./trace-stats/trace-stats.js";
import { Waterfall } from "./waterfall/waterfall.js";
import { useCriticalPath } from "./critical-path/use-critical-path.js";
import { ComparePicker } from "./trace-actions/compare-picker.js";
import { TraceActions } from "./trace-actions/trace-actions.js";
import "./trace-actions/trace-actions.css";
import "./trace-page.css";

/** What the API accepts as a trace id: 1–32 hex characters (shorter ids are zero-padded), not all zeros. */
const TRACE_ID = /^[0-9a-fA-F]{1,32}$/;
const NO_LOGS: readonly ApiLog[] = [];

/** `/trace/:traceId`: one trace. A malformed id never reaches the API. */
export function TracePage() {
  const { traceId = "" } = useParams();
  if (!TRACE_ID.test(traceId) || /^0+$/.test(traceId)) return <TraceNotFound traceId={traceId} malformed />;
  return <TraceLoader key={traceId} traceId={traceId.toLowerCase()} />;
}

/** Loads the trace and its logs in parallel; logs failing leaves the trace usable (with a note). */
function TraceLoader({ traceId }: { traceId: string }) {
  const [attempt, setAttempt] = useState(0);
  const state = useApi(
    async (signal) => {
      const [trace, logs] = await Promise.all([api.trace(traceId, signal), loadTraceLogs(traceId, signal)]);
      return { trace, logs };
    },
    [traceId, attempt],
  );
  if (state.status === "loading") {
    return (
      <div className="trace-page-loading" role="status">
        <span className="trace-page-spinner" aria-hidden="true" /> Loading trace {traceId}…
      </div>
    );
  }
  if (state.status === "error") {
    if (isNotFound(state.error)) return <TraceNotFound traceId={traceId} />;
    return <ApiErrorState error={state.error} onRetry={() => setAttempt(attempt + 1)} />;
  }
  if (state.data.trace.spans.length === 0) return <TraceNotFound traceId={traceId} />;
  return <TraceView trace={state.data.trace} logsResult={state.data.logs} />;
}

/**
 * A loaded trace: header, tabs, the current view and the selected span's details. The URL holds
 * the state: `?span=` the selection (selecting replaces the history entry; jumps, links and tabs
 * push; an update that would not change the URL does nothing), `?tab=` the view (waterfall when
 * absent). A view is mounted the first time its tab is opened and then stays mounted, hidden, so
 * its own state (collapsed spans, zoom, find, the Logs tab's filter) survives switching tabs and
 * Back (browsers keep a display:none element's scroll offset). A hidden view measures 0 × 0: a
 * view that measures its content must be told it is inactive and stop (the Logs tab's measured
 * rows did not, looped and crashed the app; the waterfall's rows have a fixed height and the flame
 * graph ignores a 0 × 0 size). Each view has its own error boundary: a crash in one shows
 * "Something went wrong" in its panel and leaves the header and the other tabs working.
 * `?critical=1` shows the critical path (waterfall, flame graph, span details); it is fetched and
 * indexed only while on. "Compare with…" opens a picker that navigates to `/compare`.
 */
function TraceView({ trace, logsResult }: { trace: ApiTraceResponse; logsResult: LogsResult }) {
  const model = useMemo(() => buildTraceModel(trace), [trace]);
  const traceLogs = useMemo(() => groupTraceLogs(logsResult.ok ? logsResult.logs : NO_LOGS), [logsResult]);
  const [params, setParams] = useSearchParams();
  const tab = readTraceTab(params.get("tab"));
  const spanParam = params.get("span")?.toLowerCase() ?? undefined;
  const selectedIndex = spanParam === undefined ? undefined : model.indexBySpanId.get(spanParam);
  const selectedNode = selectedIndex === undefined ? undefined : model.nodes[selectedIndex];

  const criticalOn = params.get("critical") === "1";
  const critical = useCriticalPath(model, criticalOn);
  const lookup = critical.status === "ok" ? critical.lookup : undefined;
  const [comparing, setComparing] = useState(false);

  const [visited, setVisited] = useState<ReadonlySet<TraceTab>>(() => new Set([tab]));
  if (!visited.has(tab)) setVisited(new Set([...visited, tab]));

  const paramsRef = useRef(params);
  paramsRef.current = params;
  const update = useCallback(
    (change: (next: URLSearchParams) => void, push: boolean) => {
      const current = paramsRef.current;
      const next = new URLSearchParams(current);
      change(next);
      if (next.toString() === current.toString()) return;
      setParams(next, { replace: !push });
    },
    [setParams],
  );
  const selectIndex = useCallback((index: number) => update((next) => next.set("span", model.nodes[index]!.span.spanId), false), [model, update]);
  const selectSpanId = (spanId: string) => {
    if (model.indexBySpanId.has(spanId)) update((next) => next.set("span", spanId), true);
  };
  const jumpToSpan = (spanId: string) =>
    update((next) => {
      next.set("span", spanId);
      next.delete("tab");
    }, true);
  const showCritical = (on: boolean) => update((next) => (on ? next.set("critical", "1") : next.delete("critical")), false);
  const showTab = (next: TraceTab) => update((params) => (next === "waterfall" ? params.delete("tab") : params.set("tab", next)), true);

  const view = (id: TraceTab): ReactNode => {
    switch (id) {
      case "waterfall":
        return <Waterfall model={model} logs={traceLogs} selectedIndex={selectedIndex} onSelect={selectIndex} active={tab === "waterfall"} critical={lookup} />;
      case "flame":
        return <FlameGraph model={model} selectedIndex={selectedIndex} onSelect={selectIndex} critical={lookup} />;
      case "stats":
        return <TraceStats model={model} />;
      case "logs":
        return <TraceLogsTab model={model} logs={traceLogs} onJumpToSpan={jumpToSpan} loadError={logsResult.ok ? undefined : logsResult.reason} active={tab === "logs"} />;
    }
  };
  const detailsOpen = selectedNode !== undefined && (tab === "waterfall" || tab === "flame");
  return (
    <div className="trace-page">
      <TraceHeader model={model} actions={<TraceActions critical={critical} onCritical={showCritical} comparing={comparing} onCompare={() => setComparing(!comparing)} />} />
      {comparing && <ComparePicker model={model} onClose={() => setComparing(false)} />}
      <TraceTabs tab={tab} onTab={showTab} logs={logsResult.ok ? traceLogs.all.length : "failed"} />
      <TraceNotes logsResult={logsResult} spanParam={spanParam} spanFound={selectedIndex !== undefined} />
      <div className="trace-page-body">
        <div className="trace-page-view">
          {TRACE_TABS.map(({ id }) => (
            <div key={id} id={tracePanelId(id)} role="tabpanel" aria-labelledby={traceTabId(id)} hidden={id !== tab} className={`trace-page-panel is-${id}`}>
              {visited.has(id) && <ErrorBoundary>{view(id)}</ErrorBoundary>}
            </div>
          ))}
        </div>
        {detailsOpen && (
          <div className="trace-page-details">
            <SpanDetails
              key={selectedNode.span.spanId}
              model={model}
              node={selectedNode}
              logs={traceLogs.bySpanId.get(selectedNode.span.spanId) ?? NO_LOGS}
              onSelectSpan={selectSpanId}
              onClose={() => update((next) => next.delete("span"), false)}
              critical={lookup === undefined ? undefined : { timeNs: lookup.timeNs[selectedNode.index]!, totalNs: lookup.totalNs }}
            />
          </div>
        )}
      </div>
    </div>
  );
}
