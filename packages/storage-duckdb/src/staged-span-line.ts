import { TRACE_ID_BYTES, bytesToHex } from "@skein/model";
import type { InstrumentationScope, Resource, Span } from "@skein/model";
import { StorageUnavailableError } from "@skein/storage";
import { encodeResource, encodeScope } from "@skein/storage/stored-form";
import { encodeEventTimes, encodeEvents, encodeLinks } from "@skein/storage/stored-form";
import { encodeAttributeKeys, encodeAttributeValues } from "@skein/storage/stored-form";

// The ingest log's span record: one NDJSON line per span holding the `spans` row's column values
// (see sql/spans.sql), read back in bulk by DuckDB's read_json (STAGED_SPANS_SELECT). Ids are hex,
// times decimal strings (exact UBIGINT), the sample weight a decimal string cast to DOUBLE (keeps
// NaN/±Inf/−0), text columns JSON strings. Keys are short: the line is written on the hot path.

const resourceLine = new WeakMap<Resource, string>();

const scopeLine = new WeakMap<InstrumentationScope, string>();


/**
 * A JSON string literal of `text` that DuckDB's JSON reader accepts: a lone UTF-16 surrogate
 * becomes U+FFFD, as the UTF-8 conversion of the appender path did (VARCHAR holds valid UTF-8).
 */
const SURROGATE = /[\ud800-\udfff]/;

function str(text: string): string {
  return JSON.stringify(SURROGATE.test(text) ? Buffer.from(text, "utf8").toString("utf8") : text);
}

function double(value: number): string {
  return Object.is(value, -0) ? '"-0"' : `"${String(value)}"`;
}

const U8 = 0xff;
const U32 = 0xffff_ffff;
const U64 = 0xffff_ffff_ffff_ffffn;

function checkUint(value: number, max: number, field: string): void {
  if (!(Number.isInteger(value) && value >= 0 && value <= max)) throw new StorageUnavailableError(`span ${field} ${value} does not fit its column (0..${max})`);
}

function checkTime(value: bigint, field: string): void {
  if (!(typeof value === "bigint" && value >= 0n && value <= U64)) throw new StorageUnavailableError(`span ${field} ${String(value)} is not an unsigned 64-bit time`);
}

/**
 * Throws StorageUnavailableError when a value does not fit its column. The log applies a whole
 * segment in one statement, so a row DuckDB would refuse must be refused here, before its write
 * is acknowledged, or it would block every later row.
 */
function checkSpan(span: Span): void {
  // trace_index keys are the trace id's two 64-bit halves: any other length cannot be applied.
  if (span.traceId.length !== TRACE_ID_BYTES) throw new StorageUnavailableError(`span trace id must be ${TRACE_ID_BYTES} bytes, got ${span.traceId.length}`);
  checkUint(span.kind, U8, "kind");
  checkUint(span.status.code, U8, "status code");
  checkUint(span.flags, U32, "flags");
  checkUint(span.droppedAttributesCount, U32, "dropped attributes count");
  checkUint(span.droppedEventsCount, U32, "dropped events count");
  checkUint(span.droppedLinksCount, U32, "dropped links count");
  checkTime(span.startTimeUnixNano, "start");
  checkTime(span.endTimeUnixNano, "end");
  if (typeof span.sampleWeight !== "number") throw new StorageUnavailableError("span sample weight is not a number");
}

/**
 * The NDJSON line (with its "\n") of one span; inverse: loadStagedSpansSql. Throws
 * StorageUnavailableError for a span whose values do not fit the spans table.
 */
export function stagedSpanLine(span: Span, traceIdHex: string): string {
  checkSpan(span);
  let resource = resourceLine.get(span.resource);
  if (resource === undefined) resourceLine.set(span.resource, (resource = JSON.stringify(encodeResource(span.resource))));
  let scope = scopeLine.get(span.scope);
  if (scope === undefined) scopeLine.set(span.scope, (scope = JSON.stringify(encodeScope(span.scope))));
  const events = span.events.length === 0 ? "" : `,"et":${JSON.stringify(encodeEventTimes(span.events, span.startTimeUnixNano))},"ej":${JSON.stringify(encodeEvents(span.events))}`;
  const links = span.links.length === 0 ? "" : `,"lj":${JSON.stringify(encodeLinks(span.links))}`;
  const parent = span.parentSpanId === null ? "" : `,"p":"${bytesToHex(span.parentSpanId)}"`;
  return (
    `{"t":"${traceIdHex}","s":"${bytesToHex(span.spanId)}"${parent},"v":${str(span.service)},"n":${str(span.name)},"k":${span.kind},` +
    `"a":"${span.startTimeUnixNano}","b":"${span.endTimeUnixNano}","c":${span.status.code},"m":${str(span.status.message)},` +
    `"ts":${str(span.traceState)},"f":${span.flags},"w":${double(span.sampleWeight)},"da":${span.droppedAttributesCount},` +
    `"de":${span.droppedEventsCount},"dl":${span.droppedLinksCount},"ak":${JSON.stringify(encodeAttributeKeys(span.attributes))},` +
    `"av":${JSON.stringify(encodeAttributeValues(span.attributes))}${events}${links},"r":${resource},"o":${scope}}\n`
  );
}

/** Longest staged line DuckDB reads (its read_json default); the writer refuses longer spans. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** read_json's column list for staged span lines; `z` is the ingest log's frame header (not a span). */
const COLUMNS =
  "{t:'VARCHAR',s:'VARCHAR',p:'VARCHAR',v:'VARCHAR',n:'VARCHAR',k:'UTINYINT',a:'UBIGINT',b:'UBIGINT',c:'UTINYINT',m:'VARCHAR'," +
  "ts:'VARCHAR',f:'UINTEGER',w:'VARCHAR',da:'UINTEGER',de:'UINTEGER',dl:'UINTEGER',ak:'VARCHAR',av:'VARCHAR',et:'VARCHAR'," +
  "ej:'VARCHAR',lj:'VARCHAR',r:'VARCHAR',o:'VARCHAR',z:'VARCHAR'}";

/** `read_json(<file>)` over a staged span file; `file` must be a SQL string literal. */
function readStaged(file: string): string {
  return `read_json(${file}, format='newline_delimited', columns=${COLUMNS}, maximum_object_size=${MAX_LINE_BYTES})`;
}

/** Quotes `path` as a SQL string literal. */
export function sqlString(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

const SPAN_VALUES = "unhex(t), unhex(s), unhex(p), v, n, k, a, b, c, m, ts, f, CAST(w AS DOUBLE), da, de, dl, ak, av, et, ej, lj, r, o";

/** Inserts the spans of a staged span file (path as a SQL string literal) into `spans`, parsing it once. */
export function insertStagedSpansSql(file: string): string {
  return `INSERT INTO spans SELECT ${SPAN_VALUES} FROM ${readStaged(file)} WHERE z IS NULL`;
}

/**
 * Statements that load a staged span file into `spans` AND its trace_index rows (one per trace
 * in the file), in this order, inside the caller's transaction; used on replay, when the trace
 * ranges that the writer keeps in memory are gone.
 */
export function loadStagedSpansSql(file: string): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE staged_spans AS SELECT * FROM ${readStaged(file)} WHERE z IS NULL`,
    `INSERT INTO spans SELECT ${SPAN_VALUES} FROM staged_spans`,
    "INSERT INTO trace_index SELECT CAST('0x' || t[1:16] AS UBIGINT), CAST('0x' || t[17:32] AS UBIGINT), min(a), max(a) FROM staged_spans GROUP BY t",
    "DROP TABLE staged_spans",
  ];
}
