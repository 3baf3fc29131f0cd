import type { ApiLog } from "@skein/model/api";
import { memo } from "react";
import { LogSummary } from "../../../components/log-summary.js";
import { formatOffset } from "../../../format/format-offset.js";
import { logTime } from "../../../format/log-text.js";
import { indentStyle } from "./span-row.js";

export interface SpanLogRowProps {
  readonly log: ApiLog;
  /** The node index of the span the log was written in; clicking the row selects that span. */
  readonly spanIndex: number;
  readonly spanId: string;
  readonly depth: number;
  readonly maxDepth: number;
  readonly top: number;
  readonly color: string;
  readonly traceStartNs: bigint;
  readonly selected: boolean;
  /** Stable callback (the row is memoized). */
  readonly onSelect: (index: number) => void;
}

/**
 * A log record shown inline under its span: time since the trace start (logTime: the observed
 * time when the event time is unknown), level and body, indented one level below the span. The
 * body renders as text through the shared LogSummary. Not a tree item (role none): the tree's
 * keyboard navigation moves between spans only; a click selects the log's span.
 */
export const SpanLogRow = memo(function SpanLogRow({ log, spanIndex, spanId, depth, maxDepth, top, color, traceStartNs, selected, onSelect }: SpanLogRowProps) {
  const offset = BigInt(logTime(log)) - traceStartNs;
  return (
    <div
      role="none"
      className={`waterfall-row waterfall-log-row${selected ? " is-selected-log" : ""}`}
      data-testid="span-log-row"
      data-span-id={spanId}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onSelect(spanIndex)}
    >
      <span className="waterfall-indent" style={indentStyle(depth + 1, maxDepth + 1, "var(--wf-name-width)")} />
      <span className="waterfall-toggle-spacer" />
      <span className="waterfall-log-rail" style={{ background: color }} />
      <span className="waterfall-log-offset mono">{formatOffset(offset)}</span>
      <LogSummary log={log} showTime={false} showService={false} />
    </div>
  );
});
