import { BIGINT, UBIGINT } from "@duckdb/node-api";
import type { RetentionResult } from "@skein/storage";
import { inTransaction } from "./appender-commit.js";
import type { DuckDbHandle } from "./duckdb-handle.js";

/** Largest value of a UBIGINT column: a cutoff beyond it removes everything. */
const MAX_UBIGINT = 2n ** 64n - 1n;
const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * The retention statements of the tables with ns times, all with the cutoff as $1. trace_index
 * rows are removed only when their whole range is older (start_max < cutoff): a row that
 * straddles the cutoff still bounds the trace's surviving spans. A log record with time 0 (unknown) is judged by its observed time.
 */
export const RETENTION_SQL = [
  "DELETE FROM spans WHERE start_ns < $1",
  "DELETE FROM trace_index WHERE start_max < $1",
  "DELETE FROM logs WHERE (CASE WHEN time_ns = 0 THEN observed_time_ns ELSE time_ns END) < $1",
] as const;

/**
 * The retention statements of the rollup tables, with the first minute to keep (ms) as $1: a
 * minute m starts before the cutoff ⇔ m × 10^6 < cutoff ⇔ m < ceil(cutoff / 10^6).
 */
export const ROLLUP_RETENTION_SQL = ["DELETE FROM span_metrics WHERE minute_ms < $1", "DELETE FROM service_graph WHERE minute_ms < $1"] as const;

/** ceil(cutoff / 10^6): the first whole ms at or after the cutoff, within BIGINT. */
function firstKeptMs(cutoffUnixNano: bigint): bigint {
  const ms = (cutoffUnixNano + 999_999n) / 1_000_000n;
  return ms > MAX_BIGINT ? MAX_BIGINT : ms;
}

/**
 * DuckDB retention at the exact cutoff. First waits for the span ingest log to be applied (so
 * every span acknowledged before the call is in `spans` and can be removed), then, holding the
 * write gate exclusively (no write transaction open, see write-gate.ts), deletes in one
 * transaction and CHECKPOINTs, which hands whole freed row groups back to the file's free list
 * for new data to reuse. The file does not shrink. Writes that arrive meanwhile wait for the
 * gate and are kept. `signal` is honoured until the transaction begins.
 */
export async function deleteBeforeInDuckDb(handle: DuckDbHandle, cutoffUnixNano: bigint, signal?: AbortSignal): Promise<RetentionResult> {
  signal?.throwIfAborted();
  const database = handle.db; // StorageClosedError when not started
  if (cutoffUnixNano <= 0n) return { removedBeforeUnixNano: cutoffUnixNano }; // stored times are unsigned
  await handle.spansApplied();
  const cutoff = cutoffUnixNano > MAX_UBIGINT ? MAX_UBIGINT : cutoffUnixNano;
  await handle.gate.exclusive(async () => {
    signal?.throwIfAborted();
    await database.withConnection(async (connection) => {
      await inTransaction(connection, "retention", async () => {
        for (const sql of RETENTION_SQL) await connection.run(sql, [cutoff], [UBIGINT]);
        for (const sql of ROLLUP_RETENTION_SQL) await connection.run(sql, [firstKeptMs(cutoffUnixNano)], [BIGINT]);
      });
      await connection.run("CHECKPOINT");
    });
  });
  return { removedBeforeUnixNano: cutoff };
}
