import { Link } from "react-router";
import type { ApiTraceDiffEntry } from "@skein/model/api";
import { formatDuration } from "../../format/format-duration.js";
import { serviceColor } from "../../format/service-color.js";
import { traceHref } from "../../format/trace-href.js";
import type { VisibleEntry } from "./diff-filter.js";
import { formatDelta, formatDeltaPercent } from "./diff-format.js";

const INDENT_PX = 16;
/** Indentation stops growing here so very deep trees keep their names readable. */
const MAX_INDENT_LEVELS = 24;

/**
 * The aligned tree of two traces as a table: one row per position (indented by depth), its status
 * mark, the span's duration in a and in b (each linking to the span in its trace), and b − a.
 * Context rows (ancestors of filtered-in rows) are dimmed.
 */
export function DiffTree({ rows, aTraceId, bTraceId }: { rows: readonly VisibleEntry[]; aTraceId: string; bTraceId: string }) {
  return (
    <table className="diff-tree panel" data-testid="diff-tree">
      <thead>
        <tr>
          <th scope="col">Span (service · operation)</th>
          <th scope="col">Change</th>
          <th scope="col" className="diff-number">
            A
          </th>
          <th scope="col" className="diff-number">
            B
          </th>
          <th scope="col" className="diff-number">
            B − A
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ entry, context }) => (
          <DiffRow key={entry.path} entry={entry} context={context} aTraceId={aTraceId} bTraceId={bTraceId} />
        ))}
      </tbody>
    </table>
  );
}

function DiffRow({ entry, context, aTraceId, bTraceId }: { entry: ApiTraceDiffEntry; context: boolean; aTraceId: string; bTraceId: string }) {
  const percent = entry.deltaNano !== null && entry.aDurationNano !== null ? formatDeltaPercent(entry.deltaNano, entry.aDurationNano) : undefined;
  return (
    <tr className={`diff-row is-${entry.status}${context ? " is-context" : ""}`} data-testid="diff-row" data-status={entry.status} data-path={entry.path} data-context={context || undefined}>
      <td className="diff-name">
        <span className="diff-indent" style={{ width: Math.min(entry.depth, MAX_INDENT_LEVELS) * INDENT_PX }} />
        <span className="diff-chip" style={{ background: serviceColor(entry.service) }} />
        <span className="diff-service">{entry.service}</span>
        <span className="diff-operation" title={entry.operation}>
          {entry.operation}
        </span>
      </td>
      <td>
        <span className={`diff-status is-${entry.status}`} data-testid="diff-status">
          {entry.status}
        </span>
      </td>
      <td className="diff-number">
        <SpanLink traceId={aTraceId} spanId={entry.aSpanId} duration={entry.aDurationNano} side="a" />
      </td>
      <td className="diff-number">
        <SpanLink traceId={bTraceId} spanId={entry.bSpanId} duration={entry.bDurationNano} side="b" />
      </td>
      <td className="diff-number diff-delta" data-testid="diff-delta">
        {entry.deltaNano === null ? (
          <span className="muted">—</span>
        ) : (
          <>
            {formatDelta(entry.deltaNano)}
            {percent !== undefined && <span className="muted"> ({percent})</span>}
          </>
        )}
      </td>
    </tr>
  );
}

function SpanLink({ traceId, spanId, duration, side }: { traceId: string; spanId: string | null; duration: string | null; side: "a" | "b" }) {
  const href = spanId === null ? undefined : traceHref(traceId, spanId);
  if (duration === null || href === undefined) return <span className="muted">—</span>;
  return (
    <Link to={href} data-testid={`diff-link-${side}`} title={`Open this span in trace ${side.toUpperCase()}`}>
      {formatDuration(duration)}
    </Link>
  );
}
