import type { ApiLog } from "@skein/model/api";
import { logTime } from "../format/log-text.js";
import { plainJsonText } from "../format/plain-json.js";
import { formatTimestamp } from "../format/format-time.js";
import { severityLabel, severityLevel } from "../format/severity.js";

/**
 * One log record on one line: time, severity, service, body. Used by the logs explorer, the
 * trace's Logs tab and the waterfall's inline log rows. The body renders as text, never HTML.
 * `showTime`/`showService` let compact contexts (a span's own logs) leave out what is implied.
 */
export function LogSummary({ log, showTime = true, showService = true }: { log: ApiLog; showTime?: boolean; showService?: boolean }) {
  const level = severityLevel(log.severityNumber);
  return (
    <span className="log-summary">
      {showTime && <span className="log-time mono">{formatTimestamp(logTime(log))}</span>}
      <SeverityBadge log={log} />
      {showService && <span className="log-service">{log.service}</span>}
      <span className={`log-body${level === "ERROR" || level === "FATAL" ? " error-text" : ""}`}>{plainJsonText(log.body)}</span>
    </span>
  );
}

/** The level as a coloured badge; the text is the record's severityText or the level name. */
export function SeverityBadge({ log }: { log: Pick<ApiLog, "severityNumber" | "severityText"> }) {
  return <span className={`severity severity-${severityLevel(log.severityNumber).toLowerCase()}`}>{severityLabel(log)}</span>;
}
