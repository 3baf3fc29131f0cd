import type { ApiLog } from "@skein/model/api";
import { memo, useId } from "react";
import { SeverityBadge } from "../../components/log-summary.js";
import { logTime } from "../../format/log-text.js";
import { formatTimestamp } from "../../format/format-time.js";
import { plainJsonText } from "../../format/plain-json.js";
import { serviceColor } from "../../format/service-color.js";
import { severityLevel } from "../../format/severity.js";
import { LogDetails } from "./log-details.js";
import { LogTraceLink } from "./log-trace-link.js";

/** Columns of the logs table; LogRow's cells and the header follow this order. */
export const LOG_COLUMNS = ["Time", "Severity", "Service", "Body", "Trace"] as const;

interface LogRowProps {
  log: ApiLog;
  /** The row's position in the table, handed back to onToggle (so one stable callback serves every row). */
  index: number;
  expanded: boolean;
  onToggle: (index: number) => void;
  /** Registers the row's element with the virtualizer, which measures it (stable: the row stays memoized). */
  measureRef?: (element: HTMLTableSectionElement | null) => void;
}

/**
 * One log record as a table row (time — the observed time when the record has none —, severity,
 * service, one-line body, trace link) that expands into a second row with LogDetails. Both rows sit
 * in the record's own <tbody data-index>, the element the virtualizer measures. The caret in the
 * first cell is the real control (a button with aria-expanded: keyboard and screen readers); a click
 * anywhere else on the row toggles too, unless it selected text. Memoized: with a stable onToggle
 * and measureRef, only rows whose props changed re-render.
 */
export const LogRow = memo(function LogRow({ log, index, expanded, onToggle, measureRef }: LogRowProps) {
  const level = severityLevel(log.severityNumber);
  const body = plainJsonText(log.body);
  const detailsId = useId();
  return (
    <tbody className="logs-record" data-index={index} ref={measureRef}>
      <tr
        className={`logs-row logs-row-${level.toLowerCase()}${expanded ? " logs-row-expanded" : ""}`}
        data-testid="log-row"
        data-trace-id={log.traceId ?? undefined}
        onClick={() => {
          // Selecting text in a row is reading, not toggling.
          if (window.getSelection()?.type !== "Range") onToggle(index);
        }}
      >
        <td className="logs-cell-time mono">
          <button
            type="button"
            className="logs-caret"
            data-testid="log-row-toggle"
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-label={expanded ? "Hide log details" : "Show log details"}
            onClick={(event) => {
              event.stopPropagation();
              onToggle(index);
            }}
          >
            {expanded ? "▾" : "▸"}
          </button>
          {formatTimestamp(logTime(log))}
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
        <tr className="logs-details-row" data-testid="log-row-details" id={detailsId}>
          <td colSpan={LOG_COLUMNS.length}>
            <LogDetails log={log} />
          </td>
        </tr>
      )}
    </tbody>
  );
});
