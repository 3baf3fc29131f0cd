import { formatDuration } from "../../../format/format-duration.js";
import { formatTimestampNanos } from "../../../format/format-time.js";
import type { TraceModel, TraceNode } from "../../../trace/trace-model.js";

/** A span's part of the trace's critical path: its time on the path and the path's total (the root's duration), ns. */
export interface CriticalShare {
  readonly timeNs: number;
  readonly totalNs: number;
}

/** The key facts of a span as a two-column grid: ids, kind, status, timing (and its critical-path share when shown). */
export function SpanFacts({ model, node, onSelectSpan, critical }: { model: TraceModel; node: TraceNode; onSelectSpan: (spanId: string) => void; critical?: CriticalShare }) {
  const span = node.span;
  const parentIndex = span.parentSpanId === null ? undefined : model.indexBySpanId.get(span.parentSpanId);
  const share = model.durationNs > 0 ? (node.durationNs / model.durationNs) * 100 : 100;
  return (
    <dl className="span-facts" data-testid="span-facts">
      <dt>Span ID</dt>
      <dd className="mono">{span.spanId}</dd>
      <dt>Parent</dt>
      <dd>
        {span.parentSpanId === null ? (
          <span className="muted">none (root span)</span>
        ) : parentIndex === undefined ? (
          <span>
            <span className="mono">{span.parentSpanId}</span> <span className="muted">(not in this trace)</span>
          </span>
        ) : (
          <button type="button" className="span-link-button" data-testid="span-parent" onClick={() => onSelectSpan(span.parentSpanId!)}>
            <span className="span-parent-name">{model.nodes[parentIndex]!.span.name}</span> <span className="mono muted">{span.parentSpanId}</span>
          </button>
        )}
      </dd>
      <dt>Kind</dt>
      <dd>{span.kind}</dd>
      <dt>Status</dt>
      <dd data-testid="span-status">
        <span className={`span-status span-status-${span.status.code}`}>{span.status.code}</span>
        {span.status.message !== undefined && <span className={`span-status-message${node.isError ? " error-text" : ""}`}>{span.status.message}</span>}
      </dd>
      <dt>Start</dt>
      <dd className="mono">{formatTimestampNanos(span.startTimeUnixNano)}</dd>
      <dt>Offset</dt>
      <dd>{node.startOffsetNs === 0 ? "at the trace start" : `+${formatDuration(node.startOffsetNs)} from trace start`}</dd>
      <dt>Duration</dt>
      <dd>
        <strong>{formatDuration(node.durationNs)}</strong> <span className="muted">({share.toFixed(1)}% of the trace)</span>
      </dd>
      <dt>Self time</dt>
      <dd>{formatDuration(node.selfTimeNs)}</dd>
      {critical !== undefined && (
        <>
          <dt>Critical path</dt>
          <dd data-testid="span-critical-share">
            {critical.timeNs > 0 ? (
              <>
                <strong>{formatDuration(critical.timeNs)}</strong>{" "}
                <span className="muted">({(critical.totalNs > 0 ? (critical.timeNs / critical.totalNs) * 100 : 100).toFixed(1)}% of the critical path)</span>
              </>
            ) : (
              <span className="muted">not on the critical path</span>
            )}
          </dd>
        </>
      )}
      <dt>Children</dt>
      <dd>{node.children.length}</dd>
      {span.traceState !== undefined && (
        <>
          <dt>Trace state</dt>
          <dd className="mono">{span.traceState}</dd>
        </>
      )}
    </dl>
  );
}
