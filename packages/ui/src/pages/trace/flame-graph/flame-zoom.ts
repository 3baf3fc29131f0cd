import type { TraceModel } from "../../../trace/trace-model.js";
import type { FlameRows } from "./flame-rows.js";

/** True when `ancestor` is `index` itself or above it in the tree (undefined = the whole trace). */
export function isAncestorOrSelf(model: TraceModel, ancestor: number | undefined, index: number): boolean {
  if (ancestor === undefined) return true;
  return index >= ancestor && index < ancestor + model.subtreeSize[ancestor]!;
}

/**
 * The row (counted from the top of the new view) the flame graph scrolls to after its zoom root
 * changes from `from` to `to` (undefined = whole trace). Zooming out (to an ancestor) brings back
 * the row of the span that was zoomed into, so it stays in sight; zooming in starts at the top,
 * where the newly zoomed span now is.
 */
export function scrollRowAfterZoom(model: TraceModel, rows: FlameRows, from: number | undefined, to: number | undefined): number {
  if (from === undefined || from === to || !isAncestorOrSelf(model, to, from)) return 0;
  return rows.row[from]! - (to === undefined ? 0 : rows.row[to]!);
}
