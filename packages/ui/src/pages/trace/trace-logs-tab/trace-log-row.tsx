import type { ApiLog } from "@skein/model/api";
import { AttributeTable } from "../../../components/attribute-table.js";
import { SeverityBadge } from "../../../components/log-summary.js";
import { formatOffset } from "../../../format/format-offset.js";
import { logBodyText, logTime } from "../../../format/log-text.js";
import { formatTimestampNanos } from "../../../format/format-time.js";
import { serviceColor } from "../../../format/service-color.js";
import { severityLevel } from "../../../format/severity.js";
import type { TraceModel } from "../../../trace/trace-model.js";

/**
 * One log of the Logs tab: offset from the trace start, level, service, the span's operation, the
 * body on one line. The line is a real button that expands the full body, attributes and resource;
 * the jump button beside it (not inside it) is offered only when the log's span is in this trace.
 * Times are logTime: the observed time when the event time is unknown ("0").
 */
export function TraceLogRow(props: { model: TraceModel; log: ApiLog; expanded: boolean; onToggle: () => void; onJumpToSpan: (spanId: string) => void }) {
  const { model, log, expanded } = props;
  const spanIndex = log.spanId === null ? undefined : model.indexBySpanId.get(log.spanId);
  const span = spanIndex === undefined ? undefined : model.nodes[spanIndex]!.span;
  const level = severityLevel(log.severityNumber);
  const time = logTime(log);
  return (
    <div className={`trace-log-row${expanded ? " trace-log-row-expanded" : ""} trace-log-level-${level.toLowerCase()}`} data-testid="trace-log-row" data-span-id={log.spanId ?? undefined}>
      <div className="trace-log-line">
        <button type="button" className="trace-log-toggle" aria-expanded={expanded} onClick={props.onToggle}>
          <span className="trace-log-caret" aria-hidden="true">
            {expanded ? "▾" : "▸"}
          </span>
          <span className="trace-log-offset mono" title={formatTimestampNanos(time)}>
            {formatOffset(BigInt(time) - model.startNs)}
          </span>
          <SeverityBadge log={log} />
          <span className="trace-log-service" title={log.service}>
            <span className="trace-log-chip" style={{ background: serviceColor(log.service) }} />
            {log.service}
          </span>
          <span className="trace-log-operation" title={span?.name}>
            {span ? span.name : log.spanId === null ? "no span" : "span not in trace"}
          </span>
          <span className={`trace-log-body${level === "ERROR" || level === "FATAL" ? " error-text" : ""}`}>{logBodyText(log.body)}</span>
        </button>
        {span && log.spanId !== null && (
          <button type="button" className="trace-log-jump" data-testid="trace-log-jump" title={`Show span ${span.name} in the waterfall`} onClick={() => props.onJumpToSpan(log.spanId!)}>
            Span ↗
          </button>
        )}
      </div>
      {expanded && (
        <div className="trace-log-details">
          <dl className="trace-log-facts">
            <dt>Time</dt>
            <dd className="mono">{log.timeUnixNano === "0" ? "unknown (sorted by the observed time)" : formatTimestampNanos(log.timeUnixNano)}</dd>
            <dt>Observed</dt>
            <dd className="mono">{log.observedTimeUnixNano === "0" ? "—" : formatTimestampNanos(log.observedTimeUnixNano)}</dd>
            <dt>Severity</dt>
            <dd>{`${log.severityText || level} (${log.severityNumber})`}</dd>
            <dt>Span</dt>
            <dd className="mono">{log.spanId ?? "—"}</dd>
            <dt>Scope</dt>
            <dd>{log.scope.version ? `${log.scope.name} ${log.scope.version}` : log.scope.name || "—"}</dd>
          </dl>
          <h4>Body</h4>
          <pre className="trace-log-full-body">{logBodyText(log.body)}</pre>
          <h4>Attributes</h4>
          <AttributeTable attributes={log.attributes} />
          <h4>Resource</h4>
          <AttributeTable attributes={log.resource} />
        </div>
      )}
    </div>
  );
}
