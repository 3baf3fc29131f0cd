import { rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DatasetPlan } from "./dataset.js";
import type { GenAttribute, GenSpan } from "./gen-span.js";
import { Progress } from "./progress.js";
import { DATA_DIR } from "./repo-paths.js";
import { SpanGenerator } from "./span-generator.js";

/**
 * The bare-DuckDB baseline: the same spans (regenerated from the plan) appended row by row with
 * the @duckdb/node-api appender into a plain table, attributes as JSON text, committed every
 * `commitRows` rows. Only row conversion + append + commit is timed, not span generation.
 */
export interface AppendFigure {
  /** rows per commit (appender flush); Infinity = one commit at the end */
  commitRows: number;
  spans: number;
  ms: number;
  spansPerSecond: number;
  /** file size after CHECKPOINT, bytes per span */
  bytesPerSpan: number;
}

const DDL = `CREATE TABLE spans_bare (
  trace_id BLOB, span_id BLOB, parent_span_id BLOB, service VARCHAR, name VARCHAR, kind UTINYINT,
  start_ns UBIGINT, end_ns UBIGINT, status_code UTINYINT, status_message VARCHAR,
  attributes_json VARCHAR, events_json VARCHAR, resource_json VARCHAR)`;

function json(attributes: GenAttribute[]): string {
  let out = "{";
  for (let i = 0; i < attributes.length; i++) {
    const { key, value } = attributes[i]!;
    out += (i ? "," : "") + JSON.stringify(key) + ":" + (typeof value === "string" ? JSON.stringify(value) : String(value));
  }
  return out + "}";
}

function eventsJson(span: GenSpan): string | null {
  if (span.events.length === 0) return null;
  return "[" + span.events.map((e) => `{"t":"${e.timeNs}","n":${JSON.stringify(e.name)},"a":${json(e.attributes)}}`).join(",") + "]";
}

/** Stops once `budgetMs` of timed work is spent (the rate is the figure; the plan may be large). */
export async function duckdbAppendBaseline(plan: DatasetPlan, maxSpans: number, commitRows: number, budgetMs = 20_000): Promise<AppendFigure> {
  const file = join(DATA_DIR, "append-baseline.duckdb");
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  const instance = await DuckDBInstance.create(file, { threads: "2", memory_limit: "1GiB" });
  const connection = await instance.connect();
  await connection.run(DDL);
  const gen = new SpanGenerator({ seed: plan.seed, baseTimeNs: BigInt(plan.baseTimeNs), windowNs: BigInt(plan.windowNs), plannedSpans: plan.spans });
  const resources = new Map<string, string>();
  const total = Math.min(plan.spans, maxSpans);
  const progress = new Progress(`bare DuckDB append, ${Number.isFinite(commitRows) ? `commit every ${commitRows} rows` : "one commit"}`, total, "spans");
  const appender = await connection.createAppender("spans_bare");
  let ms = 0;
  let sinceCommit = 0;
  let done = 0;
  while (done < total && ms < budgetMs) {
    const batch = gen.nextBatch(Math.min(plan.spansPerRequest, total - done)).spans;
    const started = performance.now();
    for (const s of batch) {
      let resource = resources.get(s.service);
      if (resource === undefined) resources.set(s.service, (resource = json(gen.resourceOf(s.service).attributes)));
      appender.appendBlob(s.traceId);
      appender.appendBlob(s.spanId);
      if (s.parentSpanId) appender.appendBlob(s.parentSpanId);
      else appender.appendNull();
      appender.appendVarchar(s.service);
      appender.appendVarchar(s.name);
      appender.appendUTinyInt(s.kind);
      appender.appendUBigInt(s.startNs);
      appender.appendUBigInt(s.endNs);
      appender.appendUTinyInt(s.statusCode);
      appender.appendVarchar(s.statusMessage);
      appender.appendVarchar(json(s.attributes));
      const events = eventsJson(s);
      if (events === null) appender.appendNull();
      else appender.appendVarchar(events);
      appender.appendVarchar(resource);
      appender.endRow();
    }
    sinceCommit += batch.length;
    if (sinceCommit >= commitRows) {
      appender.flushSync();
      sinceCommit = 0;
    }
    ms += performance.now() - started;
    done += batch.length;
    progress.update(done);
  }
  const closing = performance.now();
  appender.closeSync();
  ms += performance.now() - closing;
  progress.done("", done);
  await connection.run("CHECKPOINT");
  connection.closeSync();
  instance.closeSync();
  const bytes = statSync(file).size;
  rmSync(file, { force: true });
  rmSync(`${file}.wal`, { force: true });
  return { commitRows, spans: done, ms, spansPerSecond: done / (ms / 1000), bytesPerSpan: bytes / done };
}
