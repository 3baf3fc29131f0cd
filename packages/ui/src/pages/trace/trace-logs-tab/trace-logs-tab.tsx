import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useVirtualizer, type Virtualizer, type VirtualItem } from "@tanstack/react-virtual";
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
  active: boolean;
}

export interface TraceLogsTabProps {
  readonly model: TraceModel;
  readonly logs: TraceLogs;
  readonly onJumpToSpan: (spanId: string) => void;
  /** Why the trace's logs could not be loaded; the tab then says so instead of "no logs". */
  readonly loadError?: string;
  /**
   * False while the tab is hidden (mounted, display:none): the virtualized list then stops measuring
   * its rows (they would all measure 0 px, re-render and measure again until React gives up with
   * "maximum update depth") and restores its position and row heights when shown again.
   */
  readonly active?: boolean;
}

/**
 * The Logs tab: every log of the trace oldest first, filterable, each jumping to its span. Owns its
 * filter and expanded rows; the page keeps the tab mounted across tab switches, so they persist.
 */
export function TraceLogsTab({ model, logs, onJumpToSpan, loadError, active = true }: TraceLogsTabProps) {
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
  const listProps: ListProps = { model, rows, expanded, onToggle, onJumpToSpan, active };
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

/** Where the list was and the row heights it had measured, kept while it is hidden. */
interface KeptPlace {
  offset: number;
  measurements: VirtualItem[];
}

/**
 * Rows measured as they render (an expanded row is taller), absolutely placed in one tall spacer.
 * While inactive (hidden) the virtualizer is disabled: no rows, no measuring. Disabling drops its
 * measurements and offset, so they are kept here first and handed back when it is enabled again.
 */
function VirtualLogList({ model, rows, expanded, onToggle, onJumpToSpan, active }: ListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const instance = useRef<Virtualizer<HTMLDivElement, Element>>(null);
  const kept = useRef<KeptPlace>({ offset: 0, measurements: [] });
  // Going inactive: the DOM is still the shown one here (this render has not committed yet).
  if (!active && instance.current?.options.enabled) {
    kept.current = { offset: instance.current.scrollOffset ?? scroller.current?.scrollTop ?? 0, measurements: instance.current.takeSnapshot() };
  }
  // Shown again: put the element at the kept offset before the virtualizer's own layout effect
  // (declared below, so it runs after this one) re-attaches and reads it. Chromium keeps a hidden
  // element's offset, but the list's content was 0 px tall while disabled: don't rely on it.
  useLayoutEffect(() => {
    if (active && scroller.current && kept.current.offset > 0) scroller.current.scrollTop = kept.current.offset;
  }, [active]);
  // A new getItemKey identity resets the virtualizer's measurements: keep it stable per row list.
  const getItemKey = useCallback((position: number) => rows[position]!.index, [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 29,
    overscan: 12,
    getItemKey,
    initialRect: { width: 1000, height: 600 },
    enabled: active,
    initialOffset: () => kept.current.offset,
    initialMeasurementsCache: kept.current.measurements,
  });
  instance.current = virtualizer;
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
