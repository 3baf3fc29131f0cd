import type { Span } from "@skein/model";
import { spanIdNumber, traceIdHalves } from "../../id-columns.js";
import type { TableNames } from "../../table-names.js";
import type { WriterConnection } from "../clickhouse-writer-options.js";
import type { WriterLogger } from "../clickhouse-writer-options.js";

/** Records the spans of every acknowledged write, and checks ClickHouse holds each exactly once. */
export class AckedSpans {
  readonly spans: Span[] = [];
  refused = 0;

  /** Runs `write` and records its spans if it resolves (a refusal is counted, not thrown). */
  async track(spans: Span[], write: (spans: Span[]) => Promise<void>): Promise<void> {
    try {
      await write(spans);
      this.spans.push(...spans);
    } catch {
      this.refused++;
    }
  }

  /** Acknowledged spans missing from ClickHouse, and span ids stored more than once (both empty when all is well). */
  async check(connection: WriterConnection, tables: TableNames): Promise<{ missing: number; duplicated: number; stored: number }> {
    const rows = await connection.queryAll<{ hi: string; lo: string; id: string; n: string }>(
      `SELECT toString(trace_id_hi) AS hi, toString(trace_id_lo) AS lo, toString(span_id) AS id, count() AS n FROM ${tables.spans} GROUP BY trace_id_hi, trace_id_lo, span_id`,
    );
    const stored = new Map(rows.map((r) => [`${r.hi}/${r.lo}/${r.id}`, Number(r.n)]));
    let missing = 0;
    for (const span of this.spans) {
      const [hi, lo] = traceIdHalves(span.traceId);
      if (!stored.has(`${hi}/${lo}/${spanIdNumber(span.spanId)}`)) missing++;
    }
    return { missing, duplicated: rows.filter((r) => Number(r.n) > 1).length, stored: rows.length };
  }
}

/** A logger that keeps what it is told, for assertions on the few lines the writer logs. */
export function recordingLogger(): { logger: WriterLogger; lines: { level: string; message: string }[] } {
  const lines: { level: string; message: string }[] = [];
  return { lines, logger: (level, message) => void lines.push({ level, message }) };
}
