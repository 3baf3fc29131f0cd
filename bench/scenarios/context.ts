import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { ClickHouseBenchServer } from "../support/clickhouse-bench-server.js";
import type { ClickHouseSettled } from "../support/clickhouse-data-set.js";
import { settleClickHouse, verifyClickHouseDataSet } from "../support/clickhouse-data-set.js";
import type { DataSetLocation } from "../support/data-set-location.js";
import { CLICKHOUSE_DATABASE, DUCKDB_DATA_SET } from "../support/data-set-location.js";
import type { DatasetPlan, Manifest, Payloads } from "../support/dataset.js";
import { generatePayloads, planDataset, readManifest, samePlan, writeManifest } from "../support/dataset.js";
import { sendAll } from "../support/load-driver.js";
import type { LoadResult } from "../support/load-driver.js";
import type { ScenarioResult } from "../support/results.js";
import { DATA_DIR } from "../support/repo-paths.js";
import { startSkein } from "../support/skein-process.js";
import type { SkeinServer } from "../support/skein-process.js";
import type { StorageEngine } from "../support/storage-engine.js";

export interface BenchOptions {
  spans: number;
  clients: number;
  seed: number;
  /** `--storage`: duckdb alone, or DuckDB then ClickHouse for each data-set scenario */
  storage: StorageEngine;
}

/** State shared by the scenarios of one run, so `all` generates and ingests each data set once. */
export interface BenchContext {
  options: BenchOptions;
  plan?: DatasetPlan;
  payloads?: Payloads;
  /** the stored data set each engine uses in this run */
  manifests: Partial<Record<StorageEngine, Manifest>>;
  /** the clickhouse-server of a `--storage clickhouse` run (started on first use, stopped between phases) */
  clickhouse?: ClickHouseBenchServer;
}

/** A scenario as run on DuckDB (the default engine). */
export interface Scenario {
  name: string;
  run(ctx: BenchContext): Promise<ScenarioResult>;
}

/**
 * The same scenario on ClickHouse, given DuckDB's result of the same run (undefined when that
 * failed) to set its figures beside. Its result's scenario is `<name>-clickhouse`.
 */
export interface ClickHouseScenario {
  name: string;
  run(ctx: BenchContext, duckdb: ScenarioResult | undefined): Promise<ScenarioResult>;
}

export const SERVER_LOG = join(DATA_DIR, "server.log");

/** The run's ClickHouse server, started if it is not running. */
export async function clickhouseOf(ctx: BenchContext): Promise<ClickHouseBenchServer> {
  if (!ctx.clickhouse) throw new Error("this run has no clickhouse-server (run with --storage clickhouse)");
  await ctx.clickhouse.ensureRunning();
  return ctx.clickhouse;
}

/** `skein start` on the engine's data set: DuckDB in its data dir, or ClickHouse's bench database. */
export async function startServerOnDataSet(ctx: BenchContext, location: DataSetLocation = DUCKDB_DATA_SET): Promise<SkeinServer> {
  mkdirSync(DATA_DIR, { recursive: true });
  const extraArgs = location.engine === "clickhouse" ? ["--storage", "clickhouse", "--clickhouse-url", (await clickhouseOf(ctx)).url, "--clickhouse-database", CLICKHOUSE_DATABASE] : [];
  return startSkein({ dataDir: location.skeinDataDir, logFile: SERVER_LOG, extraArgs });
}

/** The payloads of `plan` (generated once per run, again only for another plan). */
export function payloadsOf(ctx: BenchContext, plan: DatasetPlan): Payloads {
  if (!ctx.payloads || !ctx.plan || !samePlan(ctx.plan, plan)) {
    ctx.plan = plan;
    ctx.payloads = generatePayloads(plan);
  }
  return ctx.payloads;
}

/**
 * The plan to ingest: DuckDB a new one (its data set is the reference); ClickHouse the plan of
 * the DuckDB data set this run uses, so both engines hold the same spans at the same times.
 */
function planFor(ctx: BenchContext, location: DataSetLocation): DatasetPlan {
  if (location.engine === "clickhouse") {
    if (ctx.manifests.duckdb) return ctx.manifests.duckdb.plan;
    if (ctx.plan && ctx.plan.spans === ctx.options.spans && ctx.plan.seed === ctx.options.seed) return ctx.plan;
  }
  return planDataset(ctx.options.spans, ctx.options.seed);
}

export interface IngestRun {
  server: SkeinServer;
  load: LoadResult;
  plan: DatasetPlan;
  payloads: Payloads;
}

/**
 * Fresh data (the engine's data dir, manifest and — on ClickHouse — database), fresh server, the
 * whole data set sent. The server is left running for the caller to measure; the caller stops it
 * and then calls completeDataSet. `beforeLoad` runs once the server is ready.
 */
export async function ingestDataSet(
  ctx: BenchContext,
  location: DataSetLocation,
  beforeLoad?: (server: SkeinServer) => Promise<void>,
  onTick?: (server: SkeinServer) => string,
): Promise<IngestRun> {
  const plan = planFor(ctx, location);
  const payloads = payloadsOf(ctx, plan);
  delete ctx.manifests[location.engine];
  rmSync(location.manifestFile, { force: true });
  rmSync(location.skeinDataDir, { recursive: true, force: true });
  if (location.engine === "clickhouse") {
    const direct = (await clickhouseOf(ctx)).direct();
    try {
      await direct.exec(`DROP DATABASE IF EXISTS ${CLICKHOUSE_DATABASE}`);
    } finally {
      direct.close();
    }
  }
  const server = await startServerOnDataSet(ctx, location);
  try {
    await beforeLoad?.(server);
    const load = await sendAll(server.otlpHttpUrl, payloads.requests, payloads.spanCounts, ctx.options.clients, onTick && (() => onTick(server)));
    return { server, load, plan, payloads };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * After the ingest's server stopped: settles the engine's data (ClickHouse: OPTIMIZE … FINAL, the
 * parts before and after kept in the manifest) and writes the manifest that makes it reusable.
 */
export async function completeDataSet(ctx: BenchContext, location: DataSetLocation, run: IngestRun): Promise<Manifest> {
  const settled = location.engine === "clickhouse" ? await settleClickHouse(await clickhouseOf(ctx), run.load.committedSpans) : undefined;
  const manifest = writeManifest(location, run.plan, run.payloads, run.load.committedSpans, settled);
  ctx.manifests[location.engine] = manifest;
  return manifest;
}

/**
 * The engine's stored data set of at least options.spans spans (ClickHouse: of exactly the DuckDB
 * data set's plan, and still all in its database), ingesting one (server stopped after) if needed.
 */
export async function ensureDataSet(ctx: BenchContext, location: DataSetLocation = DUCKDB_DATA_SET): Promise<Manifest> {
  const known = ctx.manifests[location.engine];
  if (known) return known;
  const reference = location.engine === "clickhouse" ? ctx.manifests.duckdb?.plan : undefined;
  let manifest = readManifest(location, ctx.options.spans, reference);
  if (manifest && location.engine === "clickhouse") {
    const problem = await verifyClickHouseDataSet(await clickhouseOf(ctx), manifest);
    if (problem) {
      process.stderr.write(`  the stored ClickHouse data set is not usable (${problem}): ingesting again\n`);
      manifest = undefined;
    }
  }
  if (manifest) return (ctx.manifests[location.engine] = manifest);
  process.stderr.write(`  no stored ${location.engine} data set of ${ctx.options.spans.toLocaleString("en-US")} spans${reference ? " matching DuckDB's" : ""}: ingesting one\n`);
  const run = await ingestDataSet(ctx, location);
  await run.server.stop();
  return completeDataSet(ctx, location, run);
}

/** The settled ClickHouse state of a ClickHouse data set's manifest (completeDataSet wrote it). */
export function clickhouseState(manifest: Manifest): ClickHouseSettled {
  if (!manifest.clickhouse) throw new Error("the ClickHouse data set's manifest has no settled state");
  return manifest.clickhouse;
}
