import { NODE_HEIGHT, NODE_WIDTH } from "./map-layout.js";

/** Top-left corner of a node's box. */
export interface Box {
  x: number;
  y: number;
}

/**
 * The SVG path of an edge between two node boxes and where its label goes (the curve's middle).
 * A forward edge leaves the source's right side and enters the target's left side; a back edge
 * (pointing left or within a layer) loops under both boxes; a self-call loops over its node's top.
 */
export function edgePath(source: Box, target: Box, back: boolean, self: boolean): { d: string; labelX: number; labelY: number } {
  if (self) {
    const x = source.x + NODE_WIDTH * 0.7;
    const y = source.y;
    return { d: `M${x},${y} C${x - 10},${y - 40} ${x + 40},${y - 40} ${x + 30},${y}`, labelX: x + 15, labelY: y - 32 };
  }
  const p0 = back ? { x: source.x + NODE_WIDTH / 2, y: source.y + NODE_HEIGHT } : { x: source.x + NODE_WIDTH, y: source.y + NODE_HEIGHT / 2 };
  const p3 = back ? { x: target.x + NODE_WIDTH / 2, y: target.y + NODE_HEIGHT } : { x: target.x, y: target.y + NODE_HEIGHT / 2 };
  const bend = back ? 60 : Math.max(40, (p3.x - p0.x) / 2);
  const p1 = back ? { x: p0.x, y: p0.y + bend } : { x: p0.x + bend, y: p0.y };
  const p2 = back ? { x: p3.x, y: p3.y + bend } : { x: p3.x - bend, y: p3.y };
  // A cubic Bézier's point at t = ½.
  const labelX = (p0.x + 3 * p1.x + 3 * p2.x + p3.x) / 8;
  const labelY = (p0.y + 3 * p1.y + 3 * p2.y + p3.y) / 8;
  return { d: `M${p0.x},${p0.y} C${p1.x},${p1.y} ${p2.x},${p2.y} ${p3.x},${p3.y}`, labelX, labelY };
}

/** A name cut to `max` characters with an ellipsis (the full name is in the node's title). */
export function shortName(name: string, max = 22): string {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}
