import { randomBytes } from "node:crypto";
import type { LogRecord, Span } from "@skein/model";
import { flattened } from "./flat-string.js";
import { INSERT_FORMAT } from "./insert-format.js";
import { LOG_TABLE_COLUMNS, logRetentionTime, logRowLine } from "./log-rows.js";
import { ALERT_EVENTS_TABLE_COLUMNS, ALERT_RULES_TABLE_COLUMNS } from "./alert-rows.js";
import { SERVICE_GRAPH_TABLE_COLUMNS, SPAN_METRICS_TABLE_COLUMNS } from "./rollup-rows.js";
import { SPAN_TABLE_COLUMNS, spanRowLine, traceIdColumns } from "./span-rows.js";
import type { TableName, TableNames } from "./table-names.js";
import { tsvLine, tsvString, tsvStringValue } from "./tsv-text.js";
import { dayNumberOf, dayText } from "./utc-day.js";

/** The columns of trace_index and operations in table order (sql/001-*.sql): the fields of their rows. */
export const TRACE_INDEX_TABLE_COLUMNS = ["day", "trace_id_hi", "trace_id_lo", "service", "name", "start_min", "start_max"] as const;
export const OPERATIONS_TABLE_COLUMNS = ["day", "service", "name", "kind"] as const;

/** Per table, the columns of its rows in field order: the table's own column order. */
export const ROW_COLUMNS: Readonly<Record<TableName, readonly string[]>> = {
  spans: SPAN_TABLE_COLUMNS,
  trace_index: TRACE_INDEX_TABLE_COLUMNS,
  operations: OPERATIONS_TABLE_COLUMNS,
  logs: LOG_TABLE_COLUMNS,
  span_metrics: SPAN_METRICS_TABLE_COLUMNS,
  service_graph: SERVICE_GRAPH_TABLE_COLUMNS,
  alert_rules: ALERT_RULES_TABLE_COLUMNS,
  alert_events: ALERT_EVENTS_TABLE_COLUMNS,
};

/** What an EncodedWrite holds: spans, log records, or rows of one rollup table. */
export type WriteSignal = "spans" | "logs" | "rollups";

/**
 * One writeSpans/writeLogs call (or one rollup table of a writeRollups call), encoded once into the bodies of its tables, rows in
 * INSERT_FORMAT (TabSeparated, fields in table column order): what the writer inserts, or spools
 * and later replays (src/write/, src/spool/). Immutable.
 */
export interface EncodedWrite {
  readonly signal: WriteSignal;
  /** Every main-table row carries ingest_id = this and ingest_row = its index in the write. */
  readonly ingestId: bigint;
  readonly rows: number;
  /** spans, logs, span_metrics or service_graph: one line per row (each ending in "\n"; no other newline), row i = ingest_row i; inserted last. */
  readonly main: { table: TableName; body: string };
  /** trace_index and operations rows (duplicates there are harmless); inserted first. */
  readonly side: { table: TableName; body: string }[];
  /** UTC days (YYYY-MM-DD) of the main rows, lowest and highest: bounds the dedup query. 1970-01-01 for an empty write. */
  readonly minDay: string;
  readonly maxDay: string;
}

/**
 * What follows `INSERT INTO` for rows of an EncodedWrite: the qualified table name (`db.spans`,
 * as qualifiedTable gives it) and the columns of its rows, `db.spans (day, trace_id_hi, …)`. With
 * the column list the rows stay readable by a table with more columns (a newer schema during a
 * rolling upgrade: the rest get their defaults, as JSONEachRow rows did).
 */
export function insertTarget(table: string): string {
  const name = table.slice(table.lastIndexOf(".") + 1) as TableName;
  const columns = Object.hasOwn(ROW_COLUMNS, name) ? ROW_COLUMNS[name] : undefined;
  if (columns === undefined) throw new RangeError(`${JSON.stringify(table)} is not a table an EncodedWrite has rows for`);
  return `${table} (${columns.join(", ")})`;
}

/** The qualified name (`db.table`) of one of the tables of an EncodedWrite. */
export function qualifiedTable(tables: TableNames, table: TableName): string {
  switch (table) {
    case "spans":
      return tables.spans;
    case "trace_index":
      return tables.traceIndex;
    case "operations":
      return tables.operations;
    case "logs":
      return tables.logs;
    case "span_metrics":
      return tables.spanMetrics;
    case "service_graph":
      return tables.serviceGraph;
    case "alert_rules":
      return tables.alertRules;
    case "alert_events":
      return tables.alertEvents;
  }
}

/** A random 63-bit id (never 0) for a new write; collisions across writes are negligible. */
export function newIngestId(): bigint {
  for (;;) {
    const id = randomBytes(8).readBigUInt64BE() & 0x7fff_ffff_ffff_ffffn;
    if (id !== 0n) return id;
  }
}

interface TraceRange {
  day: string;
  hi: string;
  lo: string;
  service: string;
  name: string;
  min: bigint;
  max: bigint;
}

/**
 * The spans' rows plus their trace_index rows (one per trace, service, name and day, with the
 * range of starts) and operations rows (one per day, service, name and kind).
 */
export function encodeSpanWrite(spans: Span[], ingestId: bigint): EncodedWrite {
  const id = ingestId.toString();
  const lines: string[] = [];
  let minDay = Infinity;
  let maxDay = -Infinity;
  const traces = new Map<string, TraceRange>();
  const operations = new Map<string, string>();
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i]!;
    const dayNumber = dayNumberOf(span.startTimeUnixNano);
    const day = dayText(dayNumber);
    if (dayNumber < minDay) minDay = dayNumber;
    if (dayNumber > maxDay) maxDay = dayNumber;
    const [hi, lo] = traceIdColumns(span.traceId);
    lines.push(flattened(spanRowLine(span, day, hi, lo, id, i)));

    const service = tsvString(span.service);
    const name = tsvString(span.name);
    const start = span.startTimeUnixNano;
    const traceKey = `${day}\t${hi}\t${lo}\t${service}\t${name}`;
    const range = traces.get(traceKey);
    if (range === undefined) {
      traces.set(traceKey, { day, hi, lo, service, name, min: start, max: start });
    } else {
      if (start < range.min) range.min = start;
      if (start > range.max) range.max = start;
    }
    const operationKey = `${day}\t${service}\t${name}\t${span.kind}`;
    if (!operations.has(operationKey)) {
      operations.set(operationKey, `${tsvLine(OPERATIONS_TABLE_COLUMNS, { day, service, name, kind: String(span.kind) })}\n`);
    }
  }
  let traceIndex = "";
  for (const r of traces.values()) {
    const fields = { day: r.day, trace_id_hi: r.hi, trace_id_lo: r.lo, service: r.service, name: r.name, start_min: r.min.toString(), start_max: r.max.toString() };
    traceIndex += `${tsvLine(TRACE_INDEX_TABLE_COLUMNS, fields)}\n`;
  }
  return {
    signal: "spans",
    ingestId,
    rows: spans.length,
    main: { table: "spans", body: joinLines(lines) },
    side: spans.length === 0 ? [] : [
      { table: "trace_index", body: traceIndex },
      { table: "operations", body: [...operations.values()].join("") },
    ],
    ...dayBounds(minDay, maxDay),
  };
}

/** The records' rows; logs have no side tables. */
export function encodeLogWrite(logs: LogRecord[], ingestId: bigint): EncodedWrite {
  const id = ingestId.toString();
  const lines: string[] = [];
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < logs.length; i++) {
    const log = logs[i]!;
    const dayNumber = dayNumberOf(logRetentionTime(log));
    if (dayNumber < minDay) minDay = dayNumber;
    if (dayNumber > maxDay) maxDay = dayNumber;
    lines.push(flattened(logRowLine(log, dayText(dayNumber), id, i)));
  }
  return { signal: "logs", ingestId, rows: logs.length, main: { table: "logs", body: joinLines(lines) }, side: [], ...dayBounds(minDay, maxDay) };
}

/** Row lines as a body: every line ends in a newline. */
function joinLines(lines: string[]): string {
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

function dayBounds(min: number, max: number): { minDay: string; maxDay: string } {
  return min > max ? { minDay: dayText(0), maxDay: dayText(0) } : { minDay: dayText(min), maxDay: dayText(max) };
}

/** The sort-key values of one main row: service (a rollup edge's source), span name or operation ('' when the table has none) and start_ns / time_ns / minute_ms. */
export interface MainRowKey {
  service: string;
  name: string;
  time: bigint;
}

/** Where the sort-key fields of each main table's rows are (-1: none), by column position. */
function keyPositions(columns: readonly string[], service: string, name: string | undefined, time: string): { service: number; name: number; time: number } {
  return { service: columns.indexOf(service), name: name === undefined ? -1 : columns.indexOf(name), time: columns.indexOf(time) };
}

const MAIN_KEYS: Partial<Record<TableName, { service: number; name: number; time: number }>> = {
  spans: keyPositions(SPAN_TABLE_COLUMNS, "service", "name", "start_ns"),
  logs: keyPositions(LOG_TABLE_COLUMNS, "service", undefined, "time_ns"),
  span_metrics: keyPositions(SPAN_METRICS_TABLE_COLUMNS, "service", "operation", "minute_ms"),
  service_graph: keyPositions(SERVICE_GRAPH_TABLE_COLUMNS, "source", undefined, "minute_ms"),
};

/**
 * The sort-key values of the main rows of `write`, in row order, read back from its body: what
 * a dedup query narrows by (write/stored-rows-sql.ts). Throws on a body not in INSERT_FORMAT, or
 * of a table that is never a main table.
 */
export function mainRowKeys(write: EncodedWrite): MainRowKey[] {
  const at = MAIN_KEYS[write.main.table];
  if (at === undefined) throw new Error(`${write.main.table} is not the main table of a write`);
  const last = Math.max(at.service, at.name, at.time);
  const keys: MainRowKey[] = [];
  for (const line of write.main.body.split("\n")) {
    if (line.length === 0) continue;
    const fields = line.split("\t", last + 1);
    const time = fields[at.time];
    if (fields.length <= last || time === undefined || !/^\d+$/.test(time)) throw new Error(`a ${write.main.table} row of write ${write.ingestId} is not a ${INSERT_FORMAT} row`);
    keys.push({ service: tsvStringValue(fields[at.service]!), name: at.name < 0 ? "" : tsvStringValue(fields[at.name]!), time: BigInt(time) });
  }
  return keys;
}
