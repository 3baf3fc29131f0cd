import type { ApiLog } from "@skein/model/api";
import { Link } from "react-router";

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;

/**
 * The trace page URL of a log's trace, selecting its span when it has one:
 * `/trace/{traceId}?span={spanId}`. Ids come from log records, so they are used in a URL only after
 * checking they are lowercase hex (the API schema guarantees it; this keeps the guarantee local).
 * undefined when the log has no (valid) trace id.
 */
export function logTraceHref(log: Pick<ApiLog, "traceId" | "spanId">): string | undefined {
  if (log.traceId === null || !TRACE_ID.test(log.traceId)) return undefined;
  return log.spanId !== null && SPAN_ID.test(log.spanId) ? `/trace/${log.traceId}?span=${log.spanId}` : `/trace/${log.traceId}`;
}

/**
 * A link to the log's trace showing the short (8-character) trace id, or `full` for all 32.
 * Clicking it never toggles the row it sits in.
 */
export function LogTraceLink({ log, testId = "log-trace-link", full = false }: { log: ApiLog; testId?: string; full?: boolean }) {
  const href = logTraceHref(log);
  if (href === undefined || log.traceId === null) return null;
  return (
    <Link
      to={href}
      className="logs-trace-link mono"
      data-testid={testId}
      title={log.spanId ? `Open trace ${log.traceId} at span ${log.spanId}` : `Open trace ${log.traceId}`}
      onClick={(event) => event.stopPropagation()}
      onKeyDown={(event) => event.stopPropagation()}
    >
      {full ? log.traceId : log.traceId.slice(0, 8)}
    </Link>
  );
}
