import type { TraceModel } from "../../../trace/trace-model.js";
import { flameRows } from "./flame-rows.js";

/** Narrower than this (px) a span is not drawn; it is counted into an aggregate instead. */
export const FLAME_MIN_WIDTH_PX = 1;

/** One drawn span: x and width in px within the flame graph's width; row from the top (0 = zoom root). */
export interface FlameRect {
  readonly index: number;
  readonly x: number;
  readonly width: number;
  readonly row: number;
}

/** Spans too narrow to draw, merged per row into one grey mark (≥ 1 px) so no work goes unseen. */
export interface FlameAggregate {
  readonly x: number;
  readonly width: number;
  readonly row: number;
  readonly count: number;
}

export interface FlameLayout {
  /** Drawn spans in pre-order (a parent before its children). */
  readonly rects: readonly FlameRect[];
  readonly aggregates: readonly FlameAggregate[];
  readonly rowCount: number;
  /** Spans of the view not drawn (too narrow, or outside the zoomed window). */
  readonly hiddenCount: number;
  /** The time window shown, in ns from the trace start. */
  readonly windowStartNs: number;
  readonly windowNs: number;
}

/**
 * Lays out the icicle: the whole trace (`zoomRootIndex` undefined) or one span's subtree, x = time
 * within the window scaled to `widthPx`, width = duration. Only spans at least FLAME_MIN_WIDTH_PX
 * wide are returned; a subtree whose whole extent is narrower is skipped in one step, so the cost
 * follows what is drawn, not the trace size (100k spans). Children that outlive the zoomed span
 * are clipped to the window.
 */
export function layoutFlame(model: TraceModel, zoomRootIndex: number | undefined, widthPx: number): FlameLayout {
  const rows = flameRows(model);
  const zoom = zoomRootIndex === undefined ? undefined : model.nodes[zoomRootIndex];
  const first = zoom ? zoom.index : 0;
  const last = zoom ? zoom.index + model.subtreeSize[zoom.index]! : model.nodes.length;
  const windowStartNs = zoom ? zoom.startOffsetNs : 0;
  const windowNs = Math.max(1, zoom ? zoom.durationNs : model.durationNs);
  const baseRow = zoom ? rows.row[zoom.index]! : 0;
  const toX = (ns: number) => Math.min(widthPx, Math.max(0, ((ns - windowStartNs) * widthPx) / windowNs));

  const rects: FlameRect[] = [];
  const aggregates: FlameAggregate[] = [];
  const open = new Map<number, { x: number; end: number; count: number }>();
  const flush = (row: number) => {
    const mark = open.get(row);
    if (!mark) return;
    aggregates.push({ x: Math.min(mark.x, widthPx - FLAME_MIN_WIDTH_PX), width: Math.max(FLAME_MIN_WIDTH_PX, mark.end - mark.x), row, count: mark.count });
    open.delete(row);
  };
  const aggregate = (row: number, x0: number, x1: number, count: number) => {
    const mark = open.get(row);
    if (mark && x0 <= mark.end + FLAME_MIN_WIDTH_PX && x1 >= mark.x - FLAME_MIN_WIDTH_PX) {
      mark.x = Math.min(mark.x, x0);
      mark.end = Math.max(mark.end, x1);
      mark.count += count;
      return;
    }
    flush(row);
    open.set(row, { x: x0, end: x1, count });
  };

  let hiddenCount = 0;
  for (let i = first; i < last; ) {
    const node = model.nodes[i]!;
    const row = rows.row[i]! - baseRow;
    const start = node.startOffsetNs;
    const x0 = toX(start);
    const inWindow = start < windowStartNs + windowNs || (start === windowStartNs && node.durationNs === 0);
    if (toX(rows.subtreeEndNs[i]!) - x0 < FLAME_MIN_WIDTH_PX) {
      // The whole subtree fits in less than a pixel: skip it at once.
      hiddenCount += model.subtreeSize[i]!;
      if (inWindow) aggregate(row, x0, x0, model.subtreeSize[i]!);
      i += model.subtreeSize[i]!;
      continue;
    }
    const x1 = toX(start + node.durationNs);
    if (x1 - x0 >= FLAME_MIN_WIDTH_PX) rects.push({ index: i, x: x0, width: x1 - x0, row });
    else {
      hiddenCount++;
      aggregate(row, x0, x1, 1);
    }
    i++;
  }
  for (const row of [...open.keys()]) flush(row);
  return { rects, aggregates, rowCount: zoom ? rows.height[zoom.index]! : rows.rowCount, hiddenCount, windowStartNs, windowNs };
}
