import type { ApiServiceMapEdge, ApiServiceMapNode, ApiServiceMapResponse } from "@skein/model/api";

/** What the details panel shows: a node or an edge of the map, by identity. */
export type MapSelection = { kind: "node"; name: string } | { kind: "edge"; source: string; target: string };

export function sameSelection(a: MapSelection | null, b: MapSelection | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind === "node" && b.kind === "node") return a.name === b.name;
  return a.kind === "edge" && b.kind === "edge" && a.source === b.source && a.target === b.target;
}

/** The selected node or edge in `map`, or null when it is not (or no longer) there. */
export function resolveSelection(map: ApiServiceMapResponse, selection: MapSelection | null): { node: ApiServiceMapNode } | { edge: ApiServiceMapEdge } | null {
  if (selection === null) return null;
  if (selection.kind === "node") {
    const node = map.nodes.find((n) => n.name === selection.name);
    return node ? { node } : null;
  }
  const edge = map.edges.find((e) => e.source === selection.source && e.target === selection.target);
  return edge ? { edge } : null;
}
