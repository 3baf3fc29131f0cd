import type { ApiExemplar, ApiLatencyBucket } from "@skein/model/api";
import { LATENCY_BUCKET_COUNT, latencyBucketLowerNano, latencyBucketOf, latencyBucketUpperNano } from "@skein/model/insights";

/** One row of the heatmap: a latency band [lowerNano, upperNano) (upperNano null: open-ended). */
export interface HeatmapRow {
  lowerNano: number;
  upperNano: number | null;
}

/** One non-empty cell: a time window × latency band, with the spans the API gave as examples. */
export interface HeatmapCell {
  column: number;
  row: number;
  /** Window start and end, unix ms. */
  startMs: number;
  endMs: number;
  lowerNano: number;
  upperNano: number | null;
  count: number;
  exemplars: ApiExemplar[];
}

export interface HeatmapGrid {
  /** Window starts, unix ms, ascending. */
  columns: number[];
  /** Latency bands, fastest first. Empty when there is no bucket. */
  rows: HeatmapRow[];
  cells: HeatmapCell[];
  maxCount: number;
}

/** At most this many exemplars are kept per merged cell. */
export const MAX_CELL_EXEMPLARS = 10;

/**
 * Maps the API's latency buckets (the fine ×2^(1/8) scheme, one per non-empty window × bucket)
 * onto a grid for drawing. Rows merge 1, 2, 4, 8… adjacent fine buckets, the fewest that keep the
 * band from the fastest to the slowest bucket within `maxRows`; merged buckets add their counts
 * and pool their exemplars. Columns are every window of [startMs, endMs) at `stepMs` (aligned to
 * multiples of the step, as rollup windows are), or one column when stepMs is null.
 */
export function buildHeatmapGrid(buckets: readonly ApiLatencyBucket[], stepMs: number | null, startMs: number, endMs: number, maxRows = 20): HeatmapGrid {
  const columns = windowStarts(buckets, stepMs, startMs, endMs);
  if (buckets.length === 0) return { columns, rows: [], cells: [], maxCount: 0 };
  const fine = buckets.map((bucket) => latencyBucketOf(bucket.lowerNano));
  const minFine = Math.min(...fine);
  const maxFine = Math.max(...fine);
  let group = 1;
  while (Math.floor(maxFine / group) - Math.floor(minFine / group) + 1 > maxRows) group *= 2;
  const firstRow = Math.floor(minFine / group);
  const rows: HeatmapRow[] = [];
  for (let r = firstRow; r <= Math.floor(maxFine / group); r++) {
    const lastFine = Math.min(r * group + group - 1, LATENCY_BUCKET_COUNT - 1);
    rows.push({ lowerNano: latencyBucketLowerNano(r * group), upperNano: latencyBucketUpperNano(lastFine) });
  }
  const width = stepMs ?? Math.max(1, endMs - startMs);
  const byKey = new Map<string, HeatmapCell>();
  buckets.forEach((bucket, i) => {
    const column = columnOf(columns, bucket.time);
    const row = Math.floor(fine[i]! / group) - firstRow;
    const key = `${column}:${row}`;
    let cell = byKey.get(key);
    if (cell === undefined) {
      const start = columns[column]!;
      cell = { column, row, startMs: start, endMs: start + width, lowerNano: rows[row]!.lowerNano, upperNano: rows[row]!.upperNano, count: 0, exemplars: [] };
      byKey.set(key, cell);
    }
    cell.count += bucket.count;
    for (const exemplar of bucket.exemplars) if (cell.exemplars.length < MAX_CELL_EXEMPLARS) cell.exemplars.push(exemplar);
  });
  const cells = [...byKey.values()].sort((a, b) => a.column - b.column || a.row - b.row);
  return { columns, rows, cells, maxCount: Math.max(0, ...cells.map((c) => c.count)) };
}

function windowStarts(buckets: readonly ApiLatencyBucket[], stepMs: number | null, startMs: number, endMs: number): number[] {
  if (stepMs === null) return [buckets[0]?.time ?? startMs];
  let first = Math.floor(startMs / stepMs) * stepMs;
  let last = Math.max(first, Math.ceil(endMs / stepMs) * stepMs - stepMs);
  for (const bucket of buckets) {
    first = Math.min(first, bucket.time);
    last = Math.max(last, bucket.time);
  }
  const columns: number[] = [];
  for (let t = first; t <= last; t += stepMs) columns.push(t);
  return columns;
}

/** The column whose window holds `timeMs` (the last window at or before it). */
function columnOf(columns: readonly number[], timeMs: number): number {
  let column = 0;
  while (column + 1 < columns.length && columns[column + 1]! <= timeMs) column++;
  return column;
}

/** 0…1 colour intensity of a count: logarithmic, so a few slow spans still show next to a busy band. */
export function cellIntensity(count: number, maxCount: number): number {
  if (count <= 0 || maxCount <= 0) return 0;
  return Math.log1p(count) / Math.log1p(maxCount);
}

/**
 * The trace search (`/search?…`) for the spans of a cell: the service (and operation), the span
 * kind the heatmap was asked with (undefined: every kind), the band as min/max duration in ns (max
 * left out for the open band) and the window as an absolute range — the same spans, same-span semantics.
 */
export function cellSearchHref(cell: HeatmapCell, service: string, operation: string | undefined, kind?: string): string {
  const params = new URLSearchParams();
  params.set("service", service);
  if (operation) params.set("operation", operation);
  if (kind) params.set("kind", kind);
  params.set("minDuration", `${Math.floor(cell.lowerNano)}ns`);
  if (cell.upperNano !== null) params.set("maxDuration", `${Math.ceil(cell.upperNano)}ns`);
  params.set("start", new Date(cell.startMs).toISOString());
  params.set("end", new Date(cell.endMs).toISOString());
  return `/search?${params.toString()}`;
}
