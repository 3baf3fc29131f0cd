import type { ApiLog } from "@skein/model/api";
import { SeverityBadge } from "../../components/log-summary.js";
import { formatTimestamp } from "../../format/format-time.js";
import { plainJsonText } from "../../format/plain-json.js";
import { serviceColor } from "../../format/service-color.js";
import { severityLevel } from "../../format/severity.js";
import { LogDetails } from "./log-details.js";
import { LogTraceLink } from "./log-trace-link.js";

/** Columns of the logs table; LogRow's cells and the header follow this order. */
export const LOG_COLUMNS = ["Time", "Severity", "Service", "Body", "Trace"] as const;

/**
 * One log record as a table row (time, severity, service, one-line body, trace link) that
 * expands on click, Enter or Space into a second row with LogDetails.
 */
export function LogRow({ log, expanded, onToggle }: { log: ApiLog; expanded: boolean; onToggle: () => void }) {
  const level = severityLevel(log.severityNumber);
  const body = plainJsonText(log.body);
  return (
    <>
      <tr
        className={`logs-row logs-row-${level.toLowerCase()}${expanded ? " logs-row-expanded" : ""}`}
        data-testid="log-row"
        data-trace-id={log.traceId ?? undefined}
        tabIndex={0}
        aria-expanded={expanded}
        onClick={() => {
          // Selecting text in a row is reading, not toggling.
          if (window.getSelection()?.type !== "Range") onToggle();
        }}
        onKeyDown={(event) => {
          if (event.key === "Enter" || event.key === " ") {
            event.preventDefault();
            onToggle();
          }
        }}
      >
        <td className="logs-cell-time mono">
          <span className="logs-caret" aria-hidden="true">
            {expanded ? "▾" : "▸"}
          </span>
          {formatTimestamp(log.timeUnixNano)}
        </td>
        <td className="logs-cell-severity">
          <SeverityBadge log={log} />
        </td>
        <td className="logs-cell-service" title={log.service}>
          <span className="logs-service-dot" style={{ background: serviceColor(log.service) }} aria-hidden="true" />
          {log.service}
        </td>
        <td className={`logs-cell-body mono${level === "ERROR" || level === "FATAL" ? " error-text" : ""}`} title={body.length > 200 ? `${body.slice(0, 200)}…` : body}>
          {body}
        </td>
        <td className="logs-cell-trace">
          <LogTraceLink log={log} />
        </td>
      </tr>
      {expanded && (
        <tr className="logs-details-row" data-testid="log-row-details">
          <td colSpan={LOG_COLUMNS.length}>
            <LogDetails log={log} />
          </td>
        </tr>
      )}
    </>
  );
}
