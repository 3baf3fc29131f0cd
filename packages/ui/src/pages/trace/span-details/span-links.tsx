import type { ApiSpan } from "@skein/model/api";
import { Link } from "react-router";
import { AttributeTable } from "../../../components/attribute-table.js";
import { traceHref } from "../../../format/trace-href.js";
import type { TraceModel } from "../../../trace/trace-model.js";

/**
 * A span's links. A link into another trace opens it at the linked span (`/trace/{id}?span={id}`);
 * the ids are re-checked as lowercase hex (traceHref) before they go into a URL. A link within this trace
 * selects the span instead of navigating.
 */
export function SpanLinks({ model, span, onSelectSpan }: { model: TraceModel; span: ApiSpan; onSelectSpan: (spanId: string) => void }) {
  if (span.links.length === 0) return <p className="muted">No links.</p>;
  return (
    <ul className="span-links">
      {span.links.map((link, i) => {
        const sameTrace = link.traceId === model.traceId;
        const target = sameTrace ? model.indexBySpanId.get(link.spanId) : undefined;
        const href = sameTrace ? undefined : traceHref(link.traceId, link.spanId);
        const label = (
          <>
            <span className="mono">{sameTrace ? "this trace" : shortId(link.traceId)}</span>
            <span className="muted"> · span </span>
            <span className="mono">{link.spanId}</span>
          </>
        );
        return (
          <li key={i} className="span-link" data-testid="span-link">
            {sameTrace ? (
              target !== undefined ? (
                <button type="button" className="span-link-button" onClick={() => onSelectSpan(link.spanId)}>
                  {model.nodes[target]!.span.name} <span className="muted">·</span> {label}
                </button>
              ) : (
                <span>
                  {label} <span className="muted">(not in this trace)</span>
                </span>
              )
            ) : href !== undefined ? (
              <Link to={href} title={`Open trace ${link.traceId}`}>
                {label} ↗
              </Link>
            ) : (
              <span>{label}</span>
            )}
            {link.traceState !== undefined && <div className="muted mono">tracestate: {link.traceState}</div>}
            {Object.keys(link.attributes).length > 0 && <AttributeTable attributes={link.attributes} />}
          </li>
        );
      })}
    </ul>
  );
}

function shortId(traceId: string): string {
  return `trace ${traceId.slice(0, 8)}…${traceId.slice(-4)}`;
}
