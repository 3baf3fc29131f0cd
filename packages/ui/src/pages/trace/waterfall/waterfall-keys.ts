import type { TraceModel } from "../../../trace/trace-model.js";
import type { WaterfallRows } from "./waterfall-rows.js";

/** What a key press in the waterfall asks for: select a span, and/or flip a span's collapse state. */
export interface KeyAction {
  readonly select?: number;
  readonly toggle?: number;
}

/**
 * Tree keyboard navigation (WAI-ARIA tree pattern): ↑/↓ move between visible spans (log rows are
 * skipped), → expands or steps into the first child, ← collapses or steps out to the parent,
 * Home/End jump to the first/last visible span. A selected span hidden under a collapsed ancestor
 * moves from its nearest visible ancestor: ↑ and ← select that ancestor (it is just above), ↓ the
 * span after it, → expands it. Undefined for keys the waterfall does not handle.
 */
export function keyAction(key: string, model: TraceModel, rows: WaterfallRows, collapsed: Uint8Array, selected: number | undefined): KeyAction | undefined {
  if (rows.count === 0) return undefined;
  // The visible stand-in for the selection: itself, or its nearest visible ancestor.
  let current = selected;
  while (current !== undefined && current >= 0 && rows.rowOfSpan[current]! < 0) current = model.nodes[current]!.parent;
  if (current !== undefined && current < 0) current = undefined;
  const hidden = selected !== undefined && current !== selected;
  const row = current === undefined ? -1 : rows.rowOfSpan[current]!;
  const spanRow = (from: number, step: 1 | -1): number | undefined => {
    for (let r = from; r >= 0 && r < rows.count; r += step) if (rows.logOf[r] === -1) return rows.spanOf[r];
    return undefined;
  };
  switch (key) {
    case "ArrowDown":
      return { select: row < 0 ? spanRow(0, 1) : (spanRow(row + 1, 1) ?? current) };
    case "ArrowUp":
      if (hidden) return { select: current };
      return { select: row < 0 ? spanRow(0, 1) : (spanRow(row - 1, -1) ?? current) };
    case "Home":
      return { select: spanRow(0, 1) };
    case "End":
      return { select: spanRow(rows.count - 1, -1) };
  }
  if (current === undefined) return undefined;
  if (hidden) {
    if (key === "ArrowLeft") return { select: current };
    if (key === "ArrowRight") return { toggle: current };
    return undefined;
  }
  const node = model.nodes[current]!;
  const hasChildren = node.children.length > 0;
  if (key === "ArrowRight") {
    if (!hasChildren) return {};
    return collapsed[current] ? { toggle: current } : { select: node.children[0] };
  }
  if (key === "ArrowLeft") {
    if (hasChildren && !collapsed[current]) return { toggle: current };
    return node.parent >= 0 ? { select: node.parent } : {};
  }
  return undefined;
}
