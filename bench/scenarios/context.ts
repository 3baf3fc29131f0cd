import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { DatasetPlan, Manifest, Payloads } from "../support/dataset.js";
import { SKEIN_DATA_DIR, generatePayloads, planDataset, readManifest, writeManifest } from "../support/dataset.js";
import { sendAll } from "../support/load-driver.js";
import type { LoadResult } from "../support/load-driver.js";
import type { ScenarioResult } from "../support/results.js";
import { DATA_DIR } from "../support/repo-paths.js";
import { startSkein } from "../support/skein-process.js";
import type { SkeinServer } from "../support/skein-process.js";

export interface BenchOptions {
  spans: number;
  clients: number;
  seed: number;
}

/** State shared by the scenarios of one run, so `all` generates and ingests the data set once. */
export interface BenchContext {
  options: BenchOptions;
  plan?: DatasetPlan;
  payloads?: Payloads;
  manifest?: Manifest;
}

export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

export const SERVER_LOG = join(DATA_DIR, "server.log");

export function startServerOnDataSet(): Promise<SkeinServer> {
  mkdirSync(DATA_DIR, { recursive: true });
  return startSkein({ dataDir: SKEIN_DATA_DIR, logFile: SERVER_LOG });
}

/** The payloads of the current plan (generated once per run). */
export function payloadsOf(ctx: BenchContext, plan: DatasetPlan): Payloads {
  if (!ctx.payloads || ctx.plan !== plan) {
    ctx.plan = plan;
    ctx.payloads = generatePayloads(plan);
  }
  return ctx.payloads;
}

export interface IngestRun {
  server: SkeinServer;
  load: LoadResult;
  manifest: Manifest;
}

/**
 * Fresh data dir, fresh server, send the whole data set, write the manifest. The server is left
 * running for the caller to measure and stop. `beforeLoad` runs once the server is ready.
 */
export async function ingestDataSet(ctx: BenchContext, beforeLoad?: (server: SkeinServer) => Promise<void>, onTick?: (server: SkeinServer) => string): Promise<IngestRun> {
  const plan = planDataset(ctx.options.spans, ctx.options.seed);
  const payloads = payloadsOf(ctx, plan);
  rmSync(SKEIN_DATA_DIR, { recursive: true, force: true });
  rmSync(join(DATA_DIR, "manifest.json"), { force: true });
  const server = await startServerOnDataSet();
  try {
    await beforeLoad?.(server);
    const load = await sendAll(server.otlpHttpUrl, payloads.requests, payloads.spanCounts, ctx.options.clients, onTick && (() => onTick(server)));
    ctx.manifest = writeManifest(plan, payloads, load.committedSpans);
    return { server, load, manifest: ctx.manifest };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** A stored data set of at least options.spans spans, ingesting one (server stopped after) if needed. */
export async function ensureDataSet(ctx: BenchContext): Promise<Manifest> {
  ctx.manifest ??= readManifest(ctx.options.spans);
  if (ctx.manifest) return ctx.manifest;
  process.stderr.write(`  no stored data set of ${ctx.options.spans.toLocaleString("en-US")} spans: ingesting one\n`);
  const run = await ingestDataSet(ctx);
  await run.server.stop();
  return run.manifest;
}
