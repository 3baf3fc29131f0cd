import type { ApiLog, ApiTraceResponse } from "@skein/model/api";
import { useCallback, useMemo, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { api } from "../../api/api-client.js";
import { isNotFound } from "../../api/api-error.js";
import { useApi } from "../../api/use-api.js";
import { ApiErrorState } from "../../components/api-error-state.js";
import { EmptyState } from "../../components/empty-state.js";
import { groupTraceLogs } from "../../trace/trace-logs.js";
import { buildTraceModel } from "../../trace/trace-model.js";
import { FlameGraph } from "./flame-graph/flame-graph.js";
import { SpanDetails } from "./span-details/span-details.js";
import { TraceHeader } from "./trace-header/trace-header.js";
import { readTraceTab, TraceTabs, type TraceTab } from "./trace-header/trace-tabs.js";
import { TraceLogsTab } from "./trace-logs-tab/trace-logs-tab.js";
import { TraceStats } from "./trace-stats/trace-stats.js";
import { Waterfall } from "./waterfall/waterfall.js";
import "./trace-page.css";

/** What the API accepts as a trace id: 1–32 hex characters (shorter ids are zero-padded), not all zeros. */
const TRACE_ID = /^[0-9a-fA-F]{1,32}$/;
/** The most logs the page loads for one trace (the API's maximum); more are summarised in a note. */
const LOG_LIMIT = 5000;
const NO_LOGS: readonly ApiLog[] = [];

type LogsResult = { ok: true; logs: ApiLog[] } | { ok: false; error: unknown };

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
      const [trace, logs] = await Promise.all([
        api.trace(traceId, signal),
        api.logs({ traceId, limit: String(LOG_LIMIT) }, signal).then(
          (logs): LogsResult => ({ ok: true, logs }),
          (error: unknown): LogsResult => ({ ok: false, error }),
        ),
      ]);
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

function TraceNotFound({ traceId, malformed = false }: { traceId: string; malformed?: boolean }) {
  return (
    <EmptyState title={malformed ? "Not a trace id" : "Trace not found"} testId="trace-not-found">
      {malformed ? (
        <p>
          “<span className="mono">{traceId}</span>” is not a trace id: a trace id is 1 to 32 hexadecimal characters (0–9, a–f), not all zeros.
        </p>
      ) : (
        <p>
          Skein has no trace <span className="mono">{traceId}</span>. The id may be wrong, or the trace has not arrived yet: spans show up as soon as
          Skein acknowledges them, so an exporter that batches may still be holding them. Reload in a few seconds.
        </p>
      )}
      <p>
        <Link to="/search">Search traces</Link>
      </p>
    </EmptyState>
  );
}

/**
 * A loaded trace: header, tabs, the current view and the selected span's details. The URL holds
 * the state: `?span=` the selection (selecting replaces the history entry; jumps and links push),
 * `?tab=` the view (waterfall when absent).
 */
function TraceView({ trace, logsResult }: { trace: ApiTraceResponse; logsResult: LogsResult }) {
  const model = useMemo(() => buildTraceModel(trace), [trace]);
  const traceLogs = useMemo(() => groupTraceLogs(logsResult.ok ? logsResult.logs : NO_LOGS), [logsResult]);
  const [params, setParams] = useSearchParams();
  const tab = readTraceTab(params.get("tab"));
  const spanParam = params.get("span")?.toLowerCase() ?? undefined;
  const selectedIndex = spanParam === undefined ? undefined : model.indexBySpanId.get(spanParam);
  const selectedNode = selectedIndex === undefined ? undefined : model.nodes[selectedIndex];

  const update = useCallback(
    (change: (next: URLSearchParams) => void, push: boolean) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          change(next);
          return next;
        },
        { replace: !push },
      ),
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
  const showTab = (next: TraceTab) => update((params) => (next === "waterfall" ? params.delete("tab") : params.set("tab", next)), true);

  const detailsOpen = selectedNode !== undefined && (tab === "waterfall" || tab === "flame");
  return (
    <div className="trace-page">
      <TraceHeader model={model} />
      <TraceTabs tab={tab} onTab={showTab} logCount={logsResult.ok ? traceLogs.all.length : undefined} />
      <TraceNotes logsResult={logsResult} spanParam={spanParam} spanFound={selectedIndex !== undefined} />
      <div className="trace-page-body">
        <div className={`trace-page-view is-${tab}`}>
          {tab === "waterfall" && <Waterfall model={model} logs={traceLogs} selectedIndex={selectedIndex} onSelect={selectIndex} />}
          {tab === "flame" && <FlameGraph model={model} selectedIndex={selectedIndex} onSelect={selectIndex} />}
          {tab === "stats" && <TraceStats model={model} />}
          {tab === "logs" && <TraceLogsTab model={model} logs={traceLogs} onJumpToSpan={jumpToSpan} />}
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
            />
          </div>
        )}
      </div>
    </div>
  );
}

/** Small notices under the tabs: logs that failed to load or were cut at the limit, an unknown `?span=`. */
function TraceNotes({ logsResult, spanParam, spanFound }: { logsResult: LogsResult; spanParam: string | undefined; spanFound: boolean }) {
  const notes: string[] = [];
  if (!logsResult.ok) {
    const reason = logsResult.error instanceof Error ? logsResult.error.message : String(logsResult.error);
    notes.push(`This trace's logs could not be loaded (${reason}); spans are shown without them.`);
  } else if (logsResult.logs.length >= LOG_LIMIT) {
    notes.push(`Showing the newest ${LOG_LIMIT.toLocaleString("en-US")} logs of this trace; older ones are in the logs explorer.`);
  }
  if (spanParam !== undefined && !spanFound) notes.push(`Span ${spanParam} is not part of this trace.`);
  if (notes.length === 0) return null;
  return (
    <div className="trace-page-notes" role="status" data-testid="trace-notes">
      {notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </div>
  );
}
