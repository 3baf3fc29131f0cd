import type { TraceModel } from "../../../trace/trace-model.js";

/** Height of one depth lane in CSS pixels at most; deep traces squeeze their lanes to fit. */
const MAX_LANE_PX = 6;

/**
 * Draws every span of the trace as a thin bar on the overview canvas: x by time over the whole
 * trace, y by depth, colour by service. One fillStyle change per service (not per span), so a
 * 100k-span trace draws in a few milliseconds.
 */
export function drawOverview(context: CanvasRenderingContext2D, model: TraceModel, width: number, height: number): void {
  context.clearRect(0, 0, width, height);
  if (model.nodes.length === 0 || width <= 0) return;
  const duration = Math.max(model.durationNs, 1);
  const pad = 3;
  const lane = Math.min(MAX_LANE_PX, (height - 2 * pad) / Math.max(model.maxDepth, 1));
  const barHeight = Math.max(1, lane * 0.75);
  const colorOf = new Map(model.services.map((service) => [service.name, service.color]));
  const byColor = new Map<string, number[]>();
  for (const node of model.nodes) {
    const color = colorOf.get(node.span.service) ?? "#888";
    const list = byColor.get(color);
    if (list) list.push(node.index);
    else byColor.set(color, [node.index]);
  }
  const scale = width / duration;
  for (const [color, indexes] of byColor) {
    context.fillStyle = color;
    for (const index of indexes) {
      const node = model.nodes[index]!;
      context.fillRect(node.startOffsetNs * scale, pad + node.depth * lane, Math.max(1, node.durationNs * scale), barHeight);
    }
  }
  // Errors on top, in red, so they stand out even inside a dense service band.
  if (model.errorCount > 0) {
    context.fillStyle = "#d33a3a";
    for (const node of model.nodes) {
      if (node.isError) context.fillRect(node.startOffsetNs * scale, pad + node.depth * lane, Math.max(2, node.durationNs * scale), barHeight);
    }
  }
}
