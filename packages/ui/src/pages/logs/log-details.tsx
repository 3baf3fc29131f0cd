import type { ApiLog } from "@skein/model/api";
import { Link } from "react-router";
import { AttributeTable } from "../../components/attribute-table.js";
import { formatTimestampNanos } from "../../format/format-time.js";
import { logBodyText } from "../../format/log-text.js";
import { severityLevel } from "../../format/severity.js";
import { LogTraceLink, logTraceHref } from "./log-trace-link.js";
import { EMPTY_LOGS_QUERY, writeLogsQuery } from "./logs-query.js";

/**
 * Everything about one log record, shown when its row is expanded: the full body, attributes,
 * resource, scope, both timestamps at ns precision, the severity as sent, and the correlation ids.
 * Every value renders as text.
 */
export function LogDetails({ log }: { log: ApiLog }) {
  return (
    <div className="logs-details">
      <section className="logs-details-body">
        <h3>Body</h3>
        <pre className="logs-details-pre" data-testid="log-body">
          {logBodyText(log.body)}
        </pre>
      </section>
      <div className="logs-details-columns">
        <section>
          <h3>Attributes</h3>
          <AttributeTable attributes={log.attributes} testId="log-attributes" />
        </section>
        <section>
          <h3>Resource</h3>
          <AttributeTable attributes={log.resource} testId="log-resource" />
        </section>
        <section>
          <h3>Record</h3>
          <dl className="logs-details-fields">
            <dt>Time</dt>
            <dd className="mono">{formatTimestampNanos(log.timeUnixNano)}</dd>
            <dt>Observed</dt>
            <dd className="mono">{log.observedTimeUnixNano === "0" ? "—" : formatTimestampNanos(log.observedTimeUnixNano)}</dd>
            <dt>Severity</dt>
            <dd>
              {log.severityNumber} ({severityLevel(log.severityNumber)}){log.severityText !== "" && log.severityText !== severityLevel(log.severityNumber) && <span className="muted"> · text “{log.severityText}”</span>}
            </dd>
            <dt>Service</dt>
            <dd>{log.service}</dd>
            <dt>Scope</dt>
            <dd className="mono">{log.scope.version ? `${log.scope.name} ${log.scope.version}` : log.scope.name || "—"}</dd>
            <dt>Trace id</dt>
            <dd>{log.traceId === null ? <span className="muted">none</span> : <LogTraceLink log={log} testId="log-details-trace-link" full />}</dd>
            <dt>Span id</dt>
            <dd className="mono">{log.spanId ?? <span className="muted">none</span>}</dd>
          </dl>
          {log.traceId !== null && logTraceHref(log) !== undefined && (
            <p className="logs-details-actions">
              <Link to={`/logs?${writeLogsQuery({ ...EMPTY_LOGS_QUERY, traceId: log.traceId }).toString()}`} data-testid="log-trace-filter">
                All logs of this trace
              </Link>
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
