import { bytesToHex, spanDurationNano } from "@skein/model";
import type { Span } from "@skein/model";
import { expect } from "vitest";
import type { SpanHistogramQuery } from "../insights.js";
import type { Storage } from "../storage.js";

/** A heatmap cell with hex ids, for comparison. */
export interface HistogramCell {
  window: bigint;
  bucket: number;
  count: number;
  exemplars: { traceId: string; spanId: string; durationNano: bigint }[];
}

/**
 * Runs spanLatencyHistogram and returns its cells ordered by window then bucket, exemplars by span
 * id, after checking the general promises: one cell per (window, bucket), counts > 0, at most
 * `exemplars` distinct exemplars per cell, at least one when any was asked for.
 */
export async function histogram(storage: Storage, query: Partial<SpanHistogramQuery> = {}): Promise<HistogramCell[]> {
  const full: SpanHistogramQuery = { exemplars: 0, ...query };
  const cells = await storage.traces.reader.spanLatencyHistogram(full);
  expect(Array.isArray(cells)).toBe(true);
  const out = cells.map((c) => ({
    window: c.windowStartUnixNano,
    bucket: c.bucket,
    count: c.count,
    exemplars: c.exemplars.map((e) => ({ traceId: bytesToHex(e.traceId), spanId: bytesToHex(e.spanId), durationNano: e.durationNano })).sort((a, b) => (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0)),
  }));
  const keys = out.map((c) => `${c.window}/${c.bucket}`);
  expect(new Set(keys).size, "one cell per (window, bucket)").toBe(keys.length);
  for (const cell of out) {
    expect(typeof cell.window).toBe("bigint");
    expect(cell.count, `count of ${cell.window}/${cell.bucket}`).toBeGreaterThan(0);
    expect(cell.exemplars.length, `exemplars of ${cell.window}/${cell.bucket}`).toBeLessThanOrEqual(full.exemplars);
    if (full.exemplars > 0) expect(cell.exemplars.length, `a cell with count > 0 has an exemplar when asked for`).toBeGreaterThan(0);
    expect(new Set(cell.exemplars.map((e) => e.spanId)).size, "exemplars are distinct spans").toBe(cell.exemplars.length);
  }
  return out.sort((a, b) => (a.window !== b.window ? (a.window < b.window ? -1 : 1) : a.bucket - b.bucket));
}

/** bucket → count of the cells of one window (or all, without a step). */
export const countsByBucket = (cells: HistogramCell[]): Map<number, number> => new Map(cells.map((c) => [c.bucket, c.count]));

/** The exemplar a stored span makes. */
export const exemplarOf = (span: Span): { traceId: string; spanId: string; durationNano: bigint } => ({
  traceId: bytesToHex(span.traceId),
  spanId: bytesToHex(span.spanId),
  durationNano: spanDurationNano(span),
});
