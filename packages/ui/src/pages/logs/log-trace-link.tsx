import type { ApiLog } from "@skein/model/api";
import { Link } from "react-router";
import { traceHref } from "../../format/trace-href.js";

/**
 * The trace page URL of a log's trace, selecting its span when it has one (the shared traceHref:
 * ids go into the URL only as validated lowercase hex). undefined when the log has no valid trace id.
 */
export function logTraceHref(log: Pick<ApiLog, "traceId" | "spanId">): string | undefined {
  return traceHref(log.traceId, log.spanId);
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
