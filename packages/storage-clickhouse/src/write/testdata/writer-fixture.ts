import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Span } from "@skein/model";
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import { ClickHouseConnection } from "../../clickhouse-connection.js";
import { encodeSpanWrite, newIngestId } from "../../encoded-write.js";
import type { EncodedWrite } from "../../encoded-write.js";
import { migrate } from "../../migrations.js";
import { sqlUInt64 } from "../../sql-literal.js";
import { tableNames } from "../../table-names.js";
import type { TableNames } from "../../table-names.js";
import type { ClickHouseServerProcess } from "../../testing/index.js";
import type { WriterConnection } from "../clickhouse-writer-options.js";

let databases = 0;

/** A fresh migrated database on `server`, a connection to it, and a temp dir for a spool. */
export async function freshDatabase(server: ClickHouseServerProcess, requestTimeoutMs = 30_000): Promise<{
  connection: ClickHouseConnection;
  tables: TableNames;
  database: string;
  spoolDir: string;
  dispose: () => Promise<void>;
}> {
  const database = `w${process.pid}_${++databases}`;
  const connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs });
  await migrate([connection], { database });
  const dir = await mkdtemp(join(tmpdir(), "skein-spool-"));
  return {
    connection,
    tables: tableNames(database),
    database,
    spoolDir: join(dir, "clickhouse-spool"),
    dispose: async () => {
      await connection.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A connection that records every insert (table and row count) before passing it on: to count INSERTs. */
export class RecordingConnection implements WriterConnection {
  readonly inserts: { table: string; rows: number }[] = [];

  constructor(private readonly inner: WriterConnection) {}

  insertEncoded(table: string, body: string, signal?: AbortSignal): Promise<void> {
    this.inserts.push({ table, rows: body.split("\n").filter((l) => l.length > 0).length });
    return this.inner.insertEncoded(table, body, signal);
  }

  queryAll<Row>(sql: string, signal?: AbortSignal): Promise<Row[]> {
    return this.inner.queryAll<Row>(sql, signal);
  }

  /** Inserts into `table` so far. */
  insertsInto(table: string): number {
    return this.inserts.filter((i) => i.table === table).length;
  }
}

let traces = 1_000;

/** `count` spans of one new trace, named `${prefix}-${i}`. */
export function spansOfNewTrace(count: number, prefix = "s"): Span[] {
  const traceId = traceIdOf(++traces);
  return Array.from({ length: count }, (_, i) => makeSpan({ traceId, name: `${prefix}-${i}`, service: "writer-test" }));
}

/** An encoded write of `count` new spans. */
export function spanWrite(count: number): EncodedWrite {
  return encodeSpanWrite(spansOfNewTrace(count), newIngestId());
}

/**
 * How the spans table holds what was written: rows in all, distinct (ingest_id, ingest_row) and
 * distinct span ids. "Exactly once" = all three equal the number written.
 */
export async function spanCounts(connection: WriterConnection, tables: TableNames): Promise<{ rows: number; ingestRows: number; spanIds: number }> {
  const [row] = await connection.queryAll<{ rows: string; ingestRows: string; spanIds: string }>(
    `SELECT count() AS rows, uniqExact(ingest_id, ingest_row) AS ingestRows, uniqExact(trace_id_hi, trace_id_lo, span_id) AS spanIds FROM ${tables.spans}`,
  );
  return { rows: Number(row!.rows), ingestRows: Number(row!.ingestRows), spanIds: Number(row!.spanIds) };
}

/** Rows of the spans table written by the write `ingestId`. */
export async function rowsOfWrite(connection: WriterConnection, tables: TableNames, ingestId: bigint): Promise<number> {
  const [row] = await connection.queryAll<{ n: string }>(`SELECT count() AS n FROM ${tables.spans} WHERE ingest_id = ${sqlUInt64(ingestId)}`);
  return Number(row!.n);
}
