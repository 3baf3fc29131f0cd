import type { ApiServiceMapEdge, ApiServiceMapNode, ApiServiceMapResponse } from "@skein/model/api";
import { useMemo, type KeyboardEvent } from "react";
import { formatCount, formatErrorRate, formatLatency, formatRate } from "../../components/charts/insights-format.js";
import { edgePath, shortName } from "./map-geometry.js";
import { layoutMap, NODE_HEIGHT, NODE_WIDTH } from "./map-layout.js";
import { NODE_TYPE_LABELS, NodeShape } from "./map-node-shape.js";
import { sameSelection, type MapSelection } from "./map-selection.js";

/**
 * The service map as SVG, laid out left to right by map-layout. A service node is a link (click
 * or Enter → `onOpenService`); other nodes and every edge are buttons that select them for the
 * details panel; hovering or focusing any node or edge previews it there (`onPreview`). Elements
 * carry `data-testid` "map-node" (data-name, data-type) and "map-edge" (data-source, data-target).
 */
export function MapGraph(props: {
  map: ApiServiceMapResponse;
  selected: MapSelection | null;
  onSelect: (selection: MapSelection) => void;
  onPreview: (selection: MapSelection | null) => void;
  serviceHref: (name: string) => string;
  onOpenService: (name: string) => void;
}) {
  const { map } = props;
  const layout = useMemo(() => layoutMap(map.nodes.map((n) => n.name), map.edges), [map]);
  const edgeStats = new Map(map.edges.map((e) => [JSON.stringify([e.source, e.target]), e]));
  return (
    <svg className="map-graph" viewBox={`0 -40 ${layout.width} ${layout.height + 80}`}
      // Shrinks to fit the panel (never grows past its natural size): the whole map stays in view.
      style={{ width: "100%", maxWidth: layout.width, height: "auto" }} data-testid="map-graph" role="group" aria-label="Service map">
      <defs>
        <marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="map-arrow" />
        </marker>
        <marker id="map-arrow-error" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" className="map-arrow map-arrow-error" />
        </marker>
      </defs>
      {layout.edges.map((laid) => {
        const stats = edgeStats.get(JSON.stringify([laid.source, laid.target]))!;
        const geometry = edgePath(layout.nodes.get(laid.source)!, layout.nodes.get(laid.target)!, laid.back, laid.source === laid.target);
        const selection: MapSelection = { kind: "edge", source: laid.source, target: laid.target };
        return (
          <MapEdge
            key={`${laid.source}\u0000${laid.target}`}
            edge={stats}
            geometry={geometry}
            selected={sameSelection(props.selected, selection)}
            onSelect={() => props.onSelect(selection)}
            onPreview={(on) => props.onPreview(on ? selection : null)}
          />
        );
      })}
      {map.nodes.map((node) => {
        const box = layout.nodes.get(node.name)!;
        const selection: MapSelection = { kind: "node", name: node.name };
        return (
          <MapNode
            key={node.name}
            node={node}
            x={box.x}
            y={box.y}
            selected={sameSelection(props.selected, selection)}
            href={node.type === "service" ? props.serviceHref(node.name) : undefined}
            onActivate={() => (node.type === "service" ? props.onOpenService(node.name) : props.onSelect(selection))}
            onPreview={(on) => props.onPreview(on ? selection : null)}
          />
        );
      })}
    </svg>
  );
}

function MapNode(props: { node: ApiServiceMapNode; x: number; y: number; selected: boolean; href: string | undefined; onActivate: () => void; onPreview: (on: boolean) => void }) {
  const { node } = props;
  const summary = `${formatRate(node.rate)} · ${formatErrorRate(node.errorRate)} errors${node.p95 === null ? "" : ` · p95 ${formatLatency(node.p95)}`}`;
  const label = `${NODE_TYPE_LABELS[node.type]} ${node.name}: ${summary}`;
  const body = (
    <>
      <title>{label}</title>
      <NodeShape type={node.type} className={`map-node-shape map-node-${node.type}${node.errorRate > 0 ? " map-node-failing" : ""}`} />
      <text className="map-node-name" x={NODE_WIDTH / 2} y={NODE_HEIGHT / 2 - 3} textAnchor="middle">
        {shortName(node.name)}
      </text>
      <text className="map-node-stats" x={NODE_WIDTH / 2} y={NODE_HEIGHT / 2 + 12} textAnchor="middle">
        {formatRate(node.rate)}
        {node.errorRate > 0 && <tspan className="map-node-errors"> · {formatErrorRate(node.errorRate)} err</tspan>}
      </text>
    </>
  );
  const common = {
    transform: `translate(${props.x},${props.y})`,
    className: props.selected ? "map-node map-node-selected" : "map-node",
    "data-testid": "map-node",
    "data-name": node.name,
    "data-type": node.type,
    onMouseEnter: () => props.onPreview(true),
    onMouseLeave: () => props.onPreview(false),
    onFocus: () => props.onPreview(true),
    onBlur: () => props.onPreview(false),
  };
  if (props.href !== undefined) {
    return (
      <a
        {...common}
        href={props.href}
        aria-label={label}
        onClick={(event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // new tab etc.: the browser's way
          event.preventDefault();
          props.onActivate();
        }}
      >
        {body}
      </a>
    );
  }
  return (
    <g {...common} role="button" tabIndex={0} aria-label={label} aria-pressed={props.selected} onClick={props.onActivate} onKeyDown={activateOnKey(props.onActivate)}>
      {body}
    </g>
  );
}

function MapEdge(props: { edge: ApiServiceMapEdge; geometry: { d: string; labelX: number; labelY: number }; selected: boolean; onSelect: () => void; onPreview: (on: boolean) => void }) {
  const { edge, geometry } = props;
  const failing = edge.errorCount > 0;
  const text = `${formatCount(edge.callCount)} calls${failing ? ` · ${formatCount(edge.errorCount)} err` : ""}`;
  const label = `${edge.source} → ${edge.target}: ${formatCount(edge.callCount)} calls, ${formatCount(edge.errorCount)} errors, p95 ${formatLatency(edge.p95)}`;
  return (
    <g
      className={`map-edge${failing ? " map-edge-failing" : ""}${props.selected ? " map-edge-selected" : ""}`}
      data-testid="map-edge"
      data-source={edge.source}
      data-target={edge.target}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={props.selected}
      onClick={props.onSelect}
      onKeyDown={activateOnKey(props.onSelect)}
      onMouseEnter={() => props.onPreview(true)}
      onMouseLeave={() => props.onPreview(false)}
      onFocus={() => props.onPreview(true)}
      onBlur={() => props.onPreview(false)}
    >
      <title>{label}</title>
      <path className="map-edge-hit" d={geometry.d} />
      <path className="map-edge-line" d={geometry.d} markerEnd={failing ? "url(#map-arrow-error)" : "url(#map-arrow)"} />
      <text className="map-edge-label" x={geometry.labelX} y={geometry.labelY - 4} textAnchor="middle">
        {text}
      </text>
    </g>
  );
}

function activateOnKey(activate: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      activate();
    }
  };
}
