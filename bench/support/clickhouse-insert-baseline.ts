import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { DirectClickHouse } from "./clickhouse-direct.js";
import { CLICKHOUSE_DATA_SET } from "./data-set-location.js";
import type { DatasetPlan } from "./dataset.js";
import type { GenAttribute, GenSpan } from "./gen-span.js";
import { Progress } from "./progress.js";
import { SpanGenerator } from "./span-generator.js";

/**
 * The bare-ClickHouse ingest baseline, the counterpart of the bare DuckDB appender: the same spans
 * (regenerated from the plan) as JSONEachRow lines POSTed over HTTP (`INSERT … FORMAT
 * JSONEachRow`), one INSERT per `insertRows` rows, into a table made from the adapter's own spans
 * DDL (sql/001-spans.sql) in a scratch database — so it is what ClickHouse accepts for the spans
 * table alone, without Skein's trace_index/operations rows, spool or HTTP ingest. Only row
 * conversion + INSERT are timed, not span generation.
 */
export interface InsertFigure {
  insertRows: number;
  spans: number;
  ms: number;
  spansPerSecond: number;
}

const SCRATCH = "skein_bench_baseline";
/** Type codes of the attr_types column (packages/storage-clickhouse/src/attribute-types.ts). */
const STRING = 1;
const BOOL = 2;
const INT = 3;

/** The parallel key/type/value array columns of attributes, as JSON array texts. */
function arrays(attributes: GenAttribute[]): { keys: string; types: string; values: string } {
  return {
    keys: JSON.stringify(attributes.map((a) => a.key)),
    types: JSON.stringify(attributes.map((a) => (typeof a.value === "string" ? STRING : typeof a.value === "boolean" ? BOOL : INT))),
    values: JSON.stringify(attributes.map((a) => String(a.value))),
  };
}

/** Big-endian UInt64 at `offset` of an id, as a decimal string (JSONEachRow takes quoted UInt64). */
function u64(bytes: Uint8Array, offset: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + offset, 8).readBigUInt64BE().toString();
}

function utcDay(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString().slice(0, 10);
}

/** The resource columns of a JSONEachRow line (shared by a service's spans). */
export function resourceFragment(attributes: GenAttribute[]): string {
  const r = arrays(attributes);
  return `"resource_keys":${r.keys},"resource_types":${r.types},"resource_values":${r.values},"resource_dropped_attributes_count":0,"resource_schema_url":""`;
}

/** One span as a JSONEachRow line of the spans table; `resource` is the resource columns' fragment. */
export function spanLine(s: GenSpan, resource: string, row: number): string {
  const a = arrays(s.attributes);
  const events = s.events.length ? JSON.stringify(JSON.stringify(s.events.map((e) => ({ t: e.timeNs.toString(), n: e.name, a: Object.fromEntries(e.attributes.map((x) => [x.key, x.value])) })))) : '"[]"';
  return (
    `{"day":"${utcDay(s.startNs)}","trace_id_hi":"${u64(s.traceId, 0)}","trace_id_lo":"${u64(s.traceId, 8)}","span_id":"${u64(s.spanId, 0)}",` +
    `"parent_span_id":"${s.parentSpanId ? u64(s.parentSpanId, 0) : "0"}","service":${JSON.stringify(s.service)},"name":${JSON.stringify(s.name)},"kind":${s.kind},` +
    `"start_ns":"${s.startNs}","end_ns":"${s.endNs}","duration_ns":"${s.endNs - s.startNs}","status_code":${s.statusCode},"status_message":${JSON.stringify(s.statusMessage)},` +
    `"sample_weight":1,"attr_keys":${a.keys},"attr_types":${a.types},"attr_values":${a.values},${resource},"scope_json":${JSON.stringify(JSON.stringify({ name: s.scope }))},` +
    `"event_times":"","events_json":${events},"links_json":"[]","ingest_id":"1","ingest_row":${row}}`
  );
}

export async function clickhouseInsertBaseline(direct: DirectClickHouse, plan: DatasetPlan, maxSpans: number, insertRows = 16_384, budgetMs = 20_000): Promise<InsertFigure> {
  const ddl = readFileSync(join(CLICKHOUSE_DATA_SET.schemaDir, "001-spans.sql"), "utf8").replace(/\{db\}/g, SCRATCH).replace(/\{table\}/g, "spans");
  await direct.exec(`DROP DATABASE IF EXISTS ${SCRATCH}`);
  await direct.exec(`CREATE DATABASE ${SCRATCH}`);
  try {
    await direct.exec(ddl.replace(/^--.*$/gm, ""));
    const gen = new SpanGenerator({ seed: plan.seed, baseTimeNs: BigInt(plan.baseTimeNs), windowNs: BigInt(plan.windowNs), plannedSpans: plan.spans });
    const resources = new Map<string, string>();
    const total = Math.min(plan.spans, maxSpans);
    const progress = new Progress(`bare ClickHouse INSERT, ${insertRows} rows each`, total, "spans");
    let ms = 0;
    let done = 0;
    let pending: string[] = [];
    const flush = async (): Promise<void> => {
      await direct.exec(`INSERT INTO ${SCRATCH}.spans FORMAT JSONEachRow\n${pending.join("\n")}`);
      pending = [];
    };
    while (done < total && ms < budgetMs) {
      const batch = gen.nextBatch(Math.min(plan.spansPerRequest, total - done)).spans;
      const started = performance.now();
      for (const s of batch) {
        let resource = resources.get(s.service);
        if (resource === undefined) resources.set(s.service, (resource = resourceFragment(gen.resourceOf(s.service).attributes)));
        pending.push(spanLine(s, resource, done + pending.length));
      }
      if (pending.length >= insertRows) await flush();
      ms += performance.now() - started;
      done += batch.length;
      progress.update(done);
    }
    if (pending.length) {
      const started = performance.now();
      await flush();
      ms += performance.now() - started;
    }
    progress.done("", done);
    return { insertRows, spans: done, ms, spansPerSecond: done / (ms / 1000) };
  } finally {
    await direct.exec(`DROP DATABASE IF EXISTS ${SCRATCH}`);
  }
}
