import { Link } from "react-router";
import { EmptyState } from "../../components/empty-state.js";
import type { LogsResult } from "./trace-page-logs.js";
import { TRACE_LOG_LIMIT } from "./trace-page-logs.js";

/** The trace page's answer for an unknown trace id, or one that is not a trace id at all. */
export function TraceNotFound({ traceId, malformed = false }: { traceId: string; malformed?: boolean }) {
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

/** Small notices under the tabs: logs that failed to load or were cut at the limit, an unknown `?span=`. */
export function TraceNotes({ logsResult, spanParam, spanFound }: { logsResult: LogsResult; spanParam: string | undefined; spanFound: boolean }) {
  const notes: string[] = [];
  if (!logsResult.ok) {
    notes.push(`This trace's logs could not be loaded (${logsResult.reason}); spans are shown without them.`);
  } else if (logsResult.logs.length >= TRACE_LOG_LIMIT) {
    notes.push(`Showing the newest ${TRACE_LOG_LIMIT.toLocaleString("en-US")} logs of this trace; older ones are in the logs explorer.`);
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
