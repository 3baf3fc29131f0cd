import { randomBytes } from "node:crypto";
import type { LogRecord, Span } from "@skein/model";
import { flattened } from "./flat-string.js";
import { logRetentionTime, logRowJson } from "./log-rows.js";
import { spanRowJson, traceIdColumns } from "./span-rows.js";
import type { TableName, TableNames } from "./table-names.js";
import { dayNumberOf, dayText } from "./utc-day.js";
import { wellFormed } from "./well-formed.js";

/**
 * One writeSpans/writeLogs call, encoded once into the JSONEachRow bodies of its tables: what
 * the writer inserts, or spools and later replays (src/write/, src/spool/). Immutable.
 */
export interface EncodedWrite {
  readonly signal: "spans" | "logs";
  /** Every main-table row carries ingest_id = this and ingest_row = its index in the write. */
  readonly ingestId: bigint;
  readonly rows: number;
  /** spans or logs: JSONEachRow text, one line per row (each ending in "\n"); inserted last. */
  readonly main: { table: TableName; body: string };
  /** trace_index and operations rows (duplicates there are harmless); inserted first. */
  readonly side: { table: TableName; body: string }[];
  /** UTC days (YYYY-MM-DD) of the main rows, lowest and highest: bounds the dedup query. 1970-01-01 for an empty write. */
  readonly minDay: string;
  readonly maxDay: string;
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
  line: string;
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
    lines.push(flattened(spanRowJson(span, day, hi, lo, id, i)));

    const service = wellFormed(span.service);
    const name = wellFormed(span.name);
    const start = span.startTimeUnixNano;
    const traceKey = `${day}\u0000${hi}\u0000${lo}\u0000${service}\u0000${name}`;
    const range = traces.get(traceKey);
    if (range === undefined) {
      const line = `{"day":"${day}","trace_id_hi":"${hi}","trace_id_lo":"${lo}","service":${JSON.stringify(service)},"name":${JSON.stringify(name)}`;
      traces.set(traceKey, { line, min: start, max: start });
    } else {
      if (start < range.min) range.min = start;
      if (start > range.max) range.max = start;
    }
    const operationKey = `${day}\u0000${span.kind}\u0000${service}\u0000${name}`;
    if (!operations.has(operationKey)) {
      operations.set(operationKey, `{"day":"${day}","service":${JSON.stringify(service)},"name":${JSON.stringify(name)},"kind":${span.kind}}\n`);
    }
  }
  let traceIndex = "";
  for (const range of traces.values()) traceIndex += `${range.line},"start_min":"${range.min}","start_max":"${range.max}"}\n`;
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
    lines.push(flattened(logRowJson(log, dayText(dayNumber), id, i)));
  }
  return { signal: "logs", ingestId, rows: logs.length, main: { table: "logs", body: joinLines(lines) }, side: [], ...dayBounds(minDay, maxDay) };
}

/** JSONEachRow text: every line ends in a newline. */
function joinLines(lines: string[]): string {
  return lines.length === 0 ? "" : lines.join("\n") + "\n";
}

function dayBounds(min: number, max: number): { minDay: string; maxDay: string } {
  return min > max ? { minDay: dayText(0), maxDay: dayText(0) } : { minDay: dayText(min), maxDay: dayText(max) };
}
