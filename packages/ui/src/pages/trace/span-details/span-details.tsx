import type { ApiLog } from "@skein/model/api";
import { AttributeTable } from "../../../components/attribute-table.js";
import { formatDuration } from "../../../format/format-duration.js";
import { serviceColor } from "../../../format/service-color.js";
import type { TraceModel, TraceNode } from "../../../trace/trace-model.js";
import { DetailsSection } from "./details-section.js";
import { SpanEvents } from "./span-events.js";
import { SpanFacts, type CriticalShare } from "./span-facts.js";
import { SpanLinks } from "./span-links.js";
import { SpanLogs } from "./span-logs.js";
import "./span-details.css";

/**
 * Everything about one span: header, facts, attributes, resource, scope, events (exception stack
 * traces kept readable), links and the span's logs (`logs`, oldest first). Every value is rendered
 * as text. `onSelectSpan` moves the selection within the trace (parent, same-trace links).
 */
export function SpanDetails(props: {
  model: TraceModel;
  node: TraceNode;
  logs: readonly ApiLog[];
  onSelectSpan: (spanId: string) => void;
  onClose: () => void;
  /** The span's critical-path time and the whole path's length (ns) while the critical path is shown. */
  critical?: CriticalShare;
}) {
  const { model, node, logs, onSelectSpan } = props;
  const span = node.span;
  const attributeCount = Object.keys(span.attributes).length;
  return (
    <aside className="span-details" data-testid="span-details" aria-label={`Span ${span.name}`}>
      <header className="span-details-header">
        <div className="span-details-title">
          <div className="span-details-service">
            <span className="span-details-chip" style={{ background: serviceColor(span.service) }} />
            {span.service}
          </div>
          <h2 className="span-details-name" title={span.name}>
            {span.name}
          </h2>
          <div className="span-details-badges">
            <span className="badge">{span.kind}</span>
            <span className="badge">{formatDuration(node.durationNs)}</span>
            {node.isError && <span className="badge error">error</span>}
            {node.isOrphan && <span className="badge" title="Its parent span is not in this trace">orphan</span>}
          </div>
        </div>
        <button type="button" className="span-details-close" aria-label="Close span details" title="Close" onClick={props.onClose}>
          ×
        </button>
      </header>
      <div className="span-details-body">
        <SpanFacts model={model} node={node} onSelectSpan={onSelectSpan} critical={props.critical} />
        <DetailsSection title="Attributes" count={attributeCount} testId="span-attributes">
          <AttributeTable attributes={span.attributes} />
        </DetailsSection>
        <DetailsSection title="Events" count={span.events.length} testId="span-events">
          <SpanEvents span={span} />
        </DetailsSection>
        <DetailsSection title="Logs" count={logs.length} testId="span-logs">
          <SpanLogs logs={logs} />
        </DetailsSection>
        <DetailsSection title="Links" count={span.links.length} testId="span-links">
          <SpanLinks model={model} span={span} onSelectSpan={onSelectSpan} />
        </DetailsSection>
        <DetailsSection title="Resource" count={Object.keys(span.resource).length} testId="span-resource">
          <AttributeTable attributes={span.resource} />
        </DetailsSection>
        <DetailsSection title="Instrumentation scope" testId="span-scope">
          <p className="span-scope">
            <span className="mono">{span.scope.name === "" ? "(unnamed)" : span.scope.name}</span>
            {span.scope.version !== undefined && <span className="muted"> version {span.scope.version}</span>}
          </p>
        </DetailsSection>
      </div>
    </aside>
  );
}
