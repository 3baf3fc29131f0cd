import type { ApiServiceMapResponse } from "@skein/model/api";
import { Link } from "react-router";
import { formatCount, formatErrorRate, formatLatency, formatRate } from "../../components/charts/insights-format.js";
import { NODE_TYPE_LABELS } from "./map-node-shape.js";
import { resolveSelection, type MapSelection } from "./map-selection.js";

/**
 * The figures of the selected (or hovered) node or edge, with the calls in and out of a node and a
 * link to a service's page; a hint when nothing is selected.
 */
export function MapDetails({ map, shown, serviceHref }: { map: ApiServiceMapResponse; shown: MapSelection | null; serviceHref: (name: string) => string }) {
  const resolved = resolveSelection(map, shown);
  if (resolved === null) {
    return (
      <aside className="map-details panel muted" data-testid="map-details">
        Hover or select a node or an edge to see its figures. Click a service to open its page.
      </aside>
    );
  }
  if ("edge" in resolved) {
    const { edge } = resolved;
    return (
      <aside className="map-details panel" data-testid="map-details" aria-live="polite">
        <h2>
          {edge.source} → {edge.target}
        </h2>
        <dl className="map-facts">
          <dt>Calls</dt>
          <dd data-testid="map-details-calls">{formatCount(edge.callCount)}</dd>
          <dt>Errors</dt>
          <dd className={edge.errorCount > 0 ? "error-text" : undefined}>
            {formatCount(edge.errorCount)} ({formatErrorRate(edge.callCount > 0 ? edge.errorCount / edge.callCount : 0)})
          </dd>
          <dt>p95 latency</dt>
          <dd>{formatLatency(edge.p95)}</dd>
        </dl>
      </aside>
    );
  }
  const { node } = resolved;
  const incoming = map.edges.filter((e) => e.target === node.name);
  const outgoing = map.edges.filter((e) => e.source === node.name);
  return (
    <aside className="map-details panel" data-testid="map-details" aria-live="polite">
      <h2>{node.name}</h2>
      <p className="muted">{NODE_TYPE_LABELS[node.type]}</p>
      <dl className="map-facts">
        <dt>Request rate</dt>
        <dd>{formatRate(node.rate)}</dd>
        <dt>Error rate</dt>
        <dd className={node.errorRate > 0 ? "error-text" : undefined}>{formatErrorRate(node.errorRate)}</dd>
        <dt>p95 latency</dt>
        <dd>{formatLatency(node.p95)}</dd>
      </dl>
      {incoming.length > 0 && <CallList title="Called by" names={incoming.map((e) => ({ name: e.source, calls: e.callCount }))} />}
      {outgoing.length > 0 && <CallList title="Calls" names={outgoing.map((e) => ({ name: e.target, calls: e.callCount }))} />}
      {node.type === "service" && (
        <Link to={serviceHref(node.name)} data-testid="map-details-open">
          Open the {node.name} service page →
        </Link>
      )}
    </aside>
  );
}

function CallList({ title, names }: { title: string; names: { name: string; calls: number }[] }) {
  return (
    <>
      <h3>{title}</h3>
      <ul className="map-call-list">
        {names.map(({ name, calls }) => (
          <li key={name}>
            {name} <span className="muted">({formatCount(calls)} calls)</span>
          </li>
        ))}
      </ul>
    </>
  );
}
