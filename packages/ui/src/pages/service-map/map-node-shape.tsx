import type { ApiServiceMapNode } from "@skein/model/api";
import { NODE_HEIGHT as H, NODE_WIDTH as W } from "./map-layout.js";

/**
 * The outline of a node of each type, drawn in a W×H box at the origin: a service is a rounded
 * box, a database a cylinder, a queue a pipe with rounded ends, an external system a hexagon. The
 * legend uses the same shapes (scaled), so the map reads without colour.
 */
export function NodeShape({ type, className }: { type: ApiServiceMapNode["type"]; className?: string }) {
  switch (type) {
    case "service":
      return <rect className={className} width={W} height={H} rx={8} />;
    case "database":
      return (
        <g className={className}>
          <path d={`M0,7 L0,${H - 7} A${W / 2},7 0 0 0 ${W},${H - 7} L${W},7 A${W / 2},7 0 0 0 0,7 Z`} />
          <path d={`M0,7 A${W / 2},7 0 0 0 ${W},7`} fill="none" />
        </g>
      );
    case "queue":
      return (
        <g className={className}>
          <rect width={W} height={H} rx={H / 2} />
          <line x1={H / 2} x2={H / 2} y1={0} y2={H} />
          <line x1={W - H / 2} x2={W - H / 2} y1={0} y2={H} />
        </g>
      );
    case "external":
      return <polygon className={className} points={`12,0 ${W - 12},0 ${W},${H / 2} ${W - 12},${H} 12,${H} 0,${H / 2}`} />;
  }
}

export const NODE_TYPE_LABELS: Record<ApiServiceMapNode["type"], string> = {
  service: "Service",
  database: "Database",
  queue: "Queue",
  external: "External system",
};
