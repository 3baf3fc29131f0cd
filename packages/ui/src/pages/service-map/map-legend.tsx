import { SERVICE_NODE_TYPES } from "@skein/model/api";
import { NODE_HEIGHT, NODE_WIDTH } from "./map-layout.js";
import { NODE_TYPE_LABELS, NodeShape } from "./map-node-shape.js";

/** The node shapes and edge colours the map uses, with their meaning. */
export function MapLegend() {
  return (
    <ul className="map-legend" data-testid="map-legend" aria-label="Legend">
      {SERVICE_NODE_TYPES.map((type) => (
        <li key={type}>
          <svg width={36} height={16} viewBox={`0 0 ${NODE_WIDTH} ${NODE_HEIGHT}`} preserveAspectRatio="none" aria-hidden="true">
            <NodeShape type={type} className={`map-node-shape map-node-${type}`} />
          </svg>
          {NODE_TYPE_LABELS[type]}
        </li>
      ))}
      <li>
        <span className="map-legend-line" aria-hidden="true" /> calls
      </li>
      <li>
        <span className="map-legend-line map-legend-line-error" aria-hidden="true" /> calls with errors
      </li>
    </ul>
  );
}
