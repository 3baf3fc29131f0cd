import { useCallback, useMemo, useRef, useState } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { EmptyState } from "../../../components/empty-state.js";
import type { TraceLogs } from "../../../trace/trace-logs.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import { TraceLogRow } from "./trace-log-row.js";
import { filterTraceLogs, NO_TRACE_LOGS_FILTER, SEVERITY_CHOICES, type IndexedLog, type TraceLogsFilter } from "./trace-logs-filter.js";
import "./trace-logs-tab.css";

/** Above this many rows the list is virtualized (only rows near the viewport are in the DOM). */
export const VIRTUALIZE_ABOVE = 500;

interface ListProps {
  model: TraceModel;
  rows: readonly IndexedLog[];
  expanded: ReadonlySet<number>;
  onToggle: (index: number) => void;
  onJumpToSpan: (spanId: string) => void;
}

export interface TraceLogsTabProps {
  readonly model: TraceModel;
  readonly logs: TraceLogs;
  readonly onJumpToSpan: (spanId: string) => void;
  /** Why the trace's logs could not be loaded; the tab then says so instead of "no logs". */
  readonly loadError?: string;
}

/**
 * The Logs tab: every log of the trace oldest first, filterable, each jumping to its span. Owns its
 * filter and expanded rows; the page keeps the tab mounted across tab switches, so they persist.
 */
export function TraceLogsTab({ model, logs, onJumpToSpan, loadError }: TraceLogsTabProps) {
  const [filter, setFilter] = useState<TraceLogsFilter>(NO_TRACE_LOGS_FILTER);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const rows = useMemo(() => filterTraceLogs(logs.all, filter), [logs, filter]);

  if (loadError !== undefined) {
    return (
      <div className="trace-logs" data-testid="trace-logs">
        <div className="trace-logs-failed" role="alert" data-testid="trace-logs-failed">
          <h3>This trace's logs couldn't be loaded</h3>
          <p className="muted">{loadError}</p>
          <p className="muted">The spans are complete; reload the page to try the logs again, or open the logs explorer.</p>
        </div>
      </div>
    );
  }

  if (logs.all.length === 0) {
    return (
      <div className="trace-logs" data-testid="trace-logs">
        <EmptyState title="No logs were recorded in this trace" testId="trace-logs-empty">
          <p className="muted">
            Logs are correlated with a trace by their trace_id and span_id. Emit logs through an OpenTelemetry logs SDK or bridge
            inside an active span (or set the ids yourself) and they show up here and under each span.
          </p>
        </EmptyState>
      </div>
    );
  }

  const onToggle = (index: number) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(index)) next.add(index);
      return next;
    });
  const listProps: ListProps = { model, rows, expanded, onToggle, onJumpToSpan };
  return (
    <div className="trace-logs" data-testid="trace-logs">
      <div className="trace-logs-toolbar">
        <input
          type="search"
          className="trace-logs-text"
          data-testid="trace-logs-filter"
          placeholder="Filter logs: body, service or attribute value"
          aria-label="Filter logs"
          value={filter.text}
          onChange={(event) => setFilter({ ...filter, text: event.target.value })}
        />
        <select
          data-testid="trace-logs-min-severity"
          aria-label="Minimum severity"
          value={filter.minSeverity}
          onChange={(event) => setFilter({ ...filter, minSeverity: Number(event.target.value) })}
        >
          {SEVERITY_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
        <span className="muted trace-logs-count" data-testid="trace-logs-count">
          {rows.length === logs.all.length ? `${logs.all.length} logs` : `${rows.length} of ${logs.all.length} logs`}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="trace-logs-none muted">
          No logs match this filter.{" "}
          <button type="button" onClick={() => setFilter(NO_TRACE_LOGS_FILTER)}>
            Clear filter
          </button>
        </p>
      ) : rows.length > VIRTUALIZE_ABOVE ? (
        <VirtualLogList {...listProps} />
      ) : (
        <div className="trace-logs-list">
          {rows.map(({ index, log }) => (
            <TraceLogRow key={index} model={model} log={log} expanded={expanded.has(index)} onToggle={() => onToggle(index)} onJumpToSpan={onJumpToSpan} />
          ))}
        </div>
      )}
    </div>
  );
}

/** Rows measured as they render (an expanded row is taller), absolutely placed in one tall spacer. */
function VirtualLogList({ model, rows, expanded, onToggle, onJumpToSpan }: ListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // A new getItemKey identity resets the virtualizer's measurements: keep it stable per row list.
  const getItemKey = useCallback((position: number) => rows[position]!.index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 29,
    overscan: 12,
    getItemKey,
    initialRect: { width: 1000, height: 600 },
  });
  return (
    <div className="trace-logs-list" ref={scroller}>
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((item) => {
          const { index, log } = rows[item.index]!;
          return (
            <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="trace-logs-virtual-row" style={{ transform: `translateY(${item.start}px)` }}>
              <TraceLogRow model={model} log={log} expanded={expanded.has(index)} onToggle={() => onToggle(index)} onJumpToSpan={onJumpToSpan} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
