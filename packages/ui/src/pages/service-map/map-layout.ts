/**
 * A left-to-right layered layout of the service map, small enough to write by hand (no graph
 * library): cycles are broken by a depth-first search (the edges that close a cycle are "back"
 * edges, drawn as loops), every node goes in the layer of its longest path from a root (so every
 * other edge points right), then a few barycentre sweeps order each layer to shorten crossings.
 * Node boxes never overlap: each layer is a column, each node in it its own row slot.
 */
export const NODE_WIDTH = 160;
export const NODE_HEIGHT = 46;
export const LAYER_GAP = 140;
export const ROW_GAP = 34;
const PAD = 24;
const SWEEPS = 4;

export interface LayoutNode {
  name: string;
  layer: number;
  /** Position in its layer, 0 at the top. */
  order: number;
  /** Top-left corner of its box, px. */
  x: number;
  y: number;
}

export interface LayoutEdge {
  source: string;
  target: string;
  /** True for an edge closing a cycle (or a self-call): it points left or into its own layer. */
  back: boolean;
}

export interface MapLayout {
  nodes: Map<string, LayoutNode>;
  edges: LayoutEdge[];
  width: number;
  height: number;
}

/** Lays out `names` (unique) joined by `edges` (endpoints not in `names` are ignored). Deterministic. */
export function layoutMap(names: readonly string[], edges: ReadonlyArray<{ source: string; target: string }>): MapLayout {
  const known = new Set(names);
  const sorted = [...known].sort();
  const usable = edges.filter((e) => known.has(e.source) && known.has(e.target));
  const back = findBackEdges(sorted, usable);
  const forward = usable.filter((e) => !back.has(edgeKey(e)));
  const layerOf = longestPathLayers(sorted, forward);
  const layers = orderLayers(sorted, forward, layerOf);

  const tallest = Math.max(1, ...layers.map((l) => l.length));
  const slot = NODE_HEIGHT + ROW_GAP;
  const nodes = new Map<string, LayoutNode>();
  layers.forEach((layer, l) => {
    const offset = ((tallest - layer.length) * slot) / 2;
    layer.forEach((name, order) => nodes.set(name, { name, layer: l, order, x: PAD + l * (NODE_WIDTH + LAYER_GAP), y: PAD + offset + order * slot }));
  });
  return {
    nodes,
    edges: usable.map((e) => ({ source: e.source, target: e.target, back: back.has(edgeKey(e)) })),
    width: PAD * 2 + Math.max(1, layers.length) * NODE_WIDTH + Math.max(0, layers.length - 1) * LAYER_GAP,
    height: PAD * 2 + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP,
  };
}

function edgeKey(e: { source: string; target: string }): string {
  return JSON.stringify([e.source, e.target]);
}

/** Edges to a node still on the DFS stack (including self-edges); roots (no incoming edge) are visited first. */
function findBackEdges(names: readonly string[], edges: ReadonlyArray<{ source: string; target: string }>): Set<string> {
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  const hasIncoming = new Set<string>();
  for (const e of edges) {
    out.get(e.source)!.push(e.target);
    if (e.source !== e.target) hasIncoming.add(e.target);
  }
  for (const targets of out.values()) targets.sort();
  const state = new Map<string, "open" | "done">();
  const back = new Set<string>();
  const visit = (start: string) => {
    // Iterative DFS: [node, index of the next child to look at].
    const stack: [string, number][] = [[start, 0]];
    state.set(start, "open");
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const children = out.get(top[0])!;
      if (top[1] >= children.length) {
        state.set(top[0], "done");
        stack.pop();
        continue;
      }
      const child = children[top[1]++]!;
      const seen = state.get(child);
      if (seen === "open") back.add(edgeKey({ source: top[0], target: child }));
      else if (seen === undefined) {
        state.set(child, "open");
        stack.push([child, 0]);
      }
    }
  };
  for (const name of names) if (!hasIncoming.has(name) && !state.has(name)) visit(name);
  for (const name of names) if (!state.has(name)) visit(name);
  return back;
}

/** Layer = length of the longest path from a root, over an acyclic edge set (Kahn's order). */
function longestPathLayers(names: readonly string[], edges: ReadonlyArray<{ source: string; target: string }>): Map<string, number> {
  const layer = new Map<string, number>(names.map((n) => [n, 0]));
  const indegree = new Map<string, number>(names.map((n) => [n, 0]));
  const out = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const e of edges) {
    out.get(e.source)!.push(e.target);
    indegree.set(e.target, indegree.get(e.target)! + 1);
  }
  const ready = names.filter((n) => indegree.get(n) === 0);
  while (ready.length > 0) {
    const node = ready.shift()!;
    for (const next of out.get(node)!) {
      layer.set(next, Math.max(layer.get(next)!, layer.get(node)! + 1));
      indegree.set(next, indegree.get(next)! - 1);
      if (indegree.get(next) === 0) ready.push(next);
    }
  }
  return layer;
}

/** Each layer's nodes, top to bottom: by name first, then barycentre sweeps down and up. */
function orderLayers(names: readonly string[], edges: ReadonlyArray<{ source: string; target: string }>, layerOf: Map<string, number>): string[][] {
  const count = Math.max(-1, ...layerOf.values()) + 1;
  const layers: string[][] = Array.from({ length: count }, () => []);
  for (const name of names) layers[layerOf.get(name)!]!.push(name);
  const preds = new Map<string, string[]>(names.map((n) => [n, []]));
  const succs = new Map<string, string[]>(names.map((n) => [n, []]));
  for (const e of edges) {
    preds.get(e.target)!.push(e.source);
    succs.get(e.source)!.push(e.target);
  }
  const position = new Map<string, number>();
  const remember = () => layers.forEach((layer) => layer.forEach((name, i) => position.set(name, i / Math.max(1, layer.length - 1))));
  remember();
  const sweep = (layer: string[], neighbours: Map<string, string[]>) => {
    const keyOf = new Map<string, number>();
    layer.forEach((name, i) => {
      const near = neighbours.get(name)!;
      const own = i / Math.max(1, layer.length - 1);
      keyOf.set(name, near.length === 0 ? own : near.reduce((sum, n) => sum + position.get(n)!, 0) / near.length);
    });
    layer.sort((a, b) => keyOf.get(a)! - keyOf.get(b)! || (a < b ? -1 : 1));
  };
  for (let s = 0; s < SWEEPS; s++) {
    for (let l = 1; l < count; l++) {
      sweep(layers[l]!, preds);
      remember();
    }
    for (let l = count - 2; l >= 0; l--) {
      sweep(layers[l]!, succs);
      remember();
    }
  }
  return layers;
}
