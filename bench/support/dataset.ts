import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeTracesRequest } from "./otlp-proto.js";
import { Progress } from "./progress.js";
import type { ClickHouseSettled } from "./clickhouse-data-set.js";
import type { DataSetLocation } from "./data-set-location.js";
import { DUCKDB_DATA_SET } from "./data-set-location.js";
import { Rng } from "./rng.js";
import { SERVICES } from "./span-catalog.js";
import { SpanGenerator } from "./span-generator.js";
import type { StorageEngine } from "./storage-engine.js";

/**
 * The bench data set: what `ingest` sends and the later scenarios query. It is fully described by
 * a plan (seed, span count, time window), so any phase can regenerate the exact payloads, and a
 * manifest next to the server's data dir records what was committed there.
 */
export interface DatasetPlan {
  seed: number;
  spans: number;
  spansPerRequest: number;
  /** ns since the Unix epoch, as decimal strings (JSON has no bigint) */
  baseTimeNs: string;
  windowNs: string;
}

export interface SampledTrace {
  traceId: string;
  spanCount: number;
}

export interface Payloads {
  requests: Uint8Array[];
  /** spans in each request */
  spanCounts: number[];
  wireBytes: number;
  /** up to 2,000 random traces whose spans were all sent */
  sample: SampledTrace[];
  startMs: number;
  endMs: number;
}

export interface Manifest {
  /** the engine that stored it; absent in manifests written before `--storage` existed (DuckDB) */
  engine?: StorageEngine;
  plan: DatasetPlan;
  /** spans the server acknowledged (2xx, minus partial-success rejections) */
  committedSpans: number;
  sample: SampledTrace[];
  services: string[];
  startMs: number;
  endMs: number;
  wireBytes: number;
  createdAt: string;
  /** hash of the engine's adapter DDL when the data was stored: a schema change invalidates the data set */
  schemaHash: string;
  /** ClickHouse's state once the data set was settled (parts before/after OPTIMIZE … FINAL) */
  clickhouse?: ClickHouseSettled;
}

/** DuckDB's data set: the server's data dir. Kept here because the DuckDB baselines open its file. */
export const SKEIN_DATA_DIR = DUCKDB_DATA_SET.skeinDataDir;

/** Traces spread over the 30 minutes before now: the default "last hour" of the UI sees them all. */
export function planDataset(spans: number, seed = 42, now = Date.now()): DatasetPlan {
  const windowNs = 30n * 60n * 1_000_000_000n;
  const base = BigInt(now - 31 * 60 * 1000) * 1_000_000n;
  return { seed, spans, spansPerRequest: 512, baseTimeNs: base.toString(), windowNs: windowNs.toString() };
}

export function generatePayloads(plan: DatasetPlan): Payloads {
  const gen = new SpanGenerator({ seed: plan.seed, baseTimeNs: BigInt(plan.baseTimeNs), windowNs: BigInt(plan.windowNs), plannedSpans: plan.spans });
  const reservoir = new Rng(plan.seed ^ 0x5eed);
  const out: Payloads = { requests: [], spanCounts: [], wireBytes: 0, sample: [], startMs: 0, endMs: 0 };
  let maxEnd = 0n;
  let seen = 0;
  const progress = new Progress("generating payloads", plan.spans, "spans");
  for (let sent = 0; sent < plan.spans; ) {
    const n = Math.min(plan.spansPerRequest, plan.spans - sent);
    const batch = gen.nextBatch(n);
    const bytes = encodeTracesRequest(batch.spans, (s) => gen.resourceOf(s));
    out.requests.push(bytes);
    out.spanCounts.push(n);
    out.wireBytes += bytes.byteLength;
    sent += n;
    const last = sent >= plan.spans;
    for (const t of batch.traces) {
      const end = t.startNs + t.durationNs;
      if (end > maxEnd) maxEnd = end;
      if (last) continue; // a trace starting in the final request may be cut short
      seen++;
      const entry = { traceId: Buffer.from(t.traceId).toString("hex"), spanCount: t.spanCount };
      if (out.sample.length < 2000) out.sample.push(entry);
      else {
        const j = Math.floor(reservoir.next() * seen);
        if (j < 2000) out.sample[j] = entry;
      }
    }
    progress.update(sent);
  }
  progress.done();
  out.startMs = Number(BigInt(plan.baseTimeNs) / 1_000_000n);
  out.endMs = Number(maxEnd / 1_000_000n) + 1;
  return out;
}

/** sha256 of the adapter's DDL files (`<schemaDir>/*.sql`; "none" if absent). */
export function adapterSchemaHash(schemaDir = DUCKDB_DATA_SET.schemaDir): string {
  if (!existsSync(schemaDir)) return "none";
  const hash = createHash("sha256");
  for (const f of readdirSync(schemaDir).filter((f) => f.endsWith(".sql")).sort()) hash.update(f).update(readFileSync(join(schemaDir, f)));
  return hash.digest("hex").slice(0, 16);
}

/** Same data set: every field of the plan equal (base time included, so the same spans at the same times). */
export function samePlan(a: DatasetPlan, b: DatasetPlan): boolean {
  return a.seed === b.seed && a.spans === b.spans && a.spansPerRequest === b.spansPerRequest && a.baseTimeNs === b.baseTimeNs && a.windowNs === b.windowNs;
}

export function writeManifest(location: DataSetLocation, plan: DatasetPlan, payloads: Payloads, committedSpans: number, clickhouse?: ClickHouseSettled): Manifest {
  const manifest: Manifest = {
    engine: location.engine, plan, committedSpans, sample: payloads.sample, services: SERVICES, startMs: payloads.startMs, endMs: payloads.endMs,
    wireBytes: payloads.wireBytes, createdAt: new Date().toISOString(), schemaHash: adapterSchemaHash(location.schemaDir),
    ...(clickhouse ? { clickhouse } : {}),
  };
  writeFileSync(location.manifestFile, JSON.stringify(manifest, null, 1) + "\n");
  return manifest;
}

/**
 * The manifest of the engine's stored data set, if one was completed by that engine with at
 * least `minSpans` spans under the adapter's current schema (and, given `plan`, from exactly
 * that plan). A manifest of another engine, or whose data dirs are gone, is ignored.
 */
export function readManifest(location: DataSetLocation, minSpans: number, plan?: DatasetPlan): Manifest | undefined {
  if (!existsSync(location.manifestFile) || !location.dataDirs.every((d) => existsSync(d))) return undefined;
  const m = JSON.parse(readFileSync(location.manifestFile, "utf8")) as Manifest;
  if ((m.engine ?? "duckdb") !== location.engine || m.committedSpans <= 0 || m.schemaHash !== adapterSchemaHash(location.schemaDir)) return undefined;
  if (plan ? !samePlan(m.plan, plan) : m.plan.spans < minSpans) return undefined;
  return m;
}
