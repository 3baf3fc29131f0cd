import type { ApiLog } from "@skein/model/api";
import { AttributeTable } from "../../../components/attribute-table.js";
import { SeverityBadge } from "../../../components/log-summary.js";
import { formatTimestampNanos } from "../../../format/format-time.js";
import { logBodyText, logTime } from "../../../format/log-text.js";
import { severityLevel } from "../../../format/severity.js";

/**
 * The logs written inside one span, oldest first (as given), each with its full time (logTime: the
 * observed time when the event time is unknown) and body.
 */
export function SpanLogs({ logs }: { logs: readonly ApiLog[] }) {
  if (logs.length === 0) return <p className="muted">No logs were recorded in this span.</p>;
  return (
    <ol className="span-logs">
      {logs.map((log, i) => {
        const level = severityLevel(log.severityNumber);
        const attributeCount = Object.keys(log.attributes).length;
        return (
          <li key={i} className={`span-log span-log-${level.toLowerCase()}`} data-testid="span-log">
            <div className="span-log-head">
              <span className="mono muted" title={log.timeUnixNano === "0" ? "Event time unknown: observed time shown" : undefined}>
                {formatTimestampNanos(logTime(log))}
              </span>
              <SeverityBadge log={log} />
            </div>
            <pre className="span-log-body">{logBodyText(log.body)}</pre>
            {attributeCount > 0 && (
              <details className="span-log-attributes">
                <summary>
                  {attributeCount} attribute{attributeCount === 1 ? "" : "s"}
                </summary>
                <AttributeTable attributes={log.attributes} />
              </details>
            )}
          </li>
        );
      })}
    </ol>
  );
}
