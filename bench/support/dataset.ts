import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encodeTracesRequest } from "./otlp-proto.js";
import { Progress } from "./progress.js";
import { DATA_DIR, REPO_ROOT } from "./repo-paths.js";
import { Rng } from "./rng.js";
import { SERVICES } from "./span-catalog.js";
import { SpanGenerator } from "./span-generator.js";

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
  plan: DatasetPlan;
  /** spans the server acknowledged (2xx, minus partial-success rejections) */
  committedSpans: number;
  sample: SampledTrace[];
  services: string[];
  startMs: number;
  endMs: number;
  wireBytes: number;
  createdAt: string;
  /** hash of the DuckDB adapter's DDL when the data was stored: a schema change invalidates the data set */
  schemaHash: string;
}

export const SKEIN_DATA_DIR = join(DATA_DIR, "skein");
const MANIFEST = join(DATA_DIR, "manifest.json");

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

/** sha256 of packages/storage-duckdb/src/sql/*.sql ("none" if absent). */
export function adapterSchemaHash(): string {
  const dir = join(REPO_ROOT, "packages", "storage-duckdb", "src", "sql");
  if (!existsSync(dir)) return "none";
  const hash = createHash("sha256");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) hash.update(f).update(readFileSync(join(dir, f)));
  return hash.digest("hex").slice(0, 16);
}

export function writeManifest(plan: DatasetPlan, payloads: Payloads, committedSpans: number): Manifest {
  const manifest: Manifest = {
    plan, committedSpans, sample: payloads.sample, services: SERVICES, startMs: payloads.startMs, endMs: payloads.endMs,
    wireBytes: payloads.wireBytes, createdAt: new Date().toISOString(), schemaHash: adapterSchemaHash(),
  };
  writeFileSync(MANIFEST, JSON.stringify(manifest, null, 1) + "\n");
  return manifest;
}

/**
 * The manifest of the stored data set, if one was completed with at least `minSpans` spans under
 * the adapter's current schema.
 */
export function readManifest(minSpans: number): Manifest | undefined {
  if (!existsSync(MANIFEST) || !existsSync(SKEIN_DATA_DIR)) return undefined;
  const m = JSON.parse(readFileSync(MANIFEST, "utf8")) as Manifest;
  return m.plan.spans >= minSpans && m.committedSpans > 0 && m.schemaHash === adapterSchemaHash() ? m : undefined;
}
