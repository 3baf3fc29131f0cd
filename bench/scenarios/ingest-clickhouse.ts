import { join } from "node:path";
import { clickhouseInsertBaseline } from "../support/clickhouse-insert-baseline.js";
import type { InsertFigure } from "../support/clickhouse-insert-baseline.js";
import { CLICKHOUSE_DATA_SET } from "../support/data-set-location.js";
import { decodeBaselines } from "../support/decode-baseline.js";
import type { DecodeFigure } from "../support/decode-baseline.js";
import { compareEngines } from "../support/engine-comparison.js";
import type { Headline } from "../support/headlines.js";
import { INGEST_HEADLINE } from "../support/headlines.js";
import { round } from "../support/latency.js";
import type { ProcSample } from "../support/proc-stats.js";
import { machineBusySeconds, otherCpuShare } from "../support/sdk-machine-load.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import { treeBytes } from "../support/tree-bytes.js";
import type { BenchContext, ClickHouseScenario } from "./context.js";
import { clickhouseState, clickhouseOf, completeDataSet, ingestDataSet } from "./context.js";

const MiB = 1024 * 1024;
/** Rows per INSERT of the bare baseline: about what a group commit of ≥10k rows does, as on DuckDB. */
const INSERT_ROWS = 16_384;

const cores = (cpuSeconds: number, ms: number): string => `${fmt(cpuSeconds)} (${(cpuSeconds / (ms / 1000)).toFixed(2)})`;
const row = (metric: string, skein: string, extra: Partial<Row> = {}): Row => ({ metric, skein, baseline: "", ratio: "", target: "", verdict: "", ...extra });

/**
 * `ingest` on ClickHouse: the same payloads, clients and measurements as on DuckDB, into
 * `skein start --storage clickhouse` over a fresh bench database; clickhouse-server's CPU and
 * memory are measured beside Skein's. Baselines: the decode rates DuckDB's run measured on the
 * same payloads (measured here only if that run failed); then ClickHouse ÷ DuckDB.
 */
export const ingestClickHouseScenario: ClickHouseScenario = {
  name: "ingest",
  async run(ctx: BenchContext, duckdb: ScenarioResult | undefined): Promise<ScenarioResult> {
    const clickhouse = await clickhouseOf(ctx);
    let idle: ProcSample | undefined;
    let engineIdle: ProcSample | undefined;
    let peakSampledRss = 0;
    let sampler: NodeJS.Timeout | undefined;
    let clientCpu: NodeJS.CpuUsage | undefined;
    let machineBusy = Number.NaN;
    const run = await ingestDataSet(
      ctx,
      CLICKHOUSE_DATA_SET,
      async (server) => {
        await new Promise((r) => setTimeout(r, 2000)); // let start-up work (migrations) settle
        idle = server.sample();
        engineIdle = clickhouse.sample();
        clientCpu = process.cpuUsage();
        machineBusy = machineBusySeconds();
        sampler = setInterval(() => {
          peakSampledRss = Math.max(peakSampledRss, server.sample().rssBytes + clickhouse.sample().rssBytes);
        }, 250);
      },
      (server) => `server RSS ${fmt(server.sample().rssBytes / MiB)} MiB, clickhouse-server RSS ${fmt(clickhouse.sample().rssBytes / MiB)} MiB`,
    );
    clearInterval(sampler);
    const machineBusyDelta = machineBusySeconds() - machineBusy;
    const clientUsage = process.cpuUsage(clientCpu);
    const clientCpuSeconds = (clientUsage.user + clientUsage.system) / 1e6;
    const after = run.server.sample();
    const engineAfter = clickhouse.sample();
    const serverProblem = run.server.unexpectedExit();
    const stop = await run.server.stop();
    // The spool itself: its lock file beside it stays after a clean close.
    const spool = treeBytes(join(CLICKHOUSE_DATA_SET.skeinDataDir, "clickhouse-spool"));
    const manifest = await completeDataSet(ctx, CLICKHOUSE_DATA_SET, run);
    const settled = clickhouseState(manifest);
    const { load, payloads } = run;
    const before = idle!;
    const engineBefore = engineIdle!;
    const skeinCpu = after.cpuSeconds - before.cpuSeconds;
    const engineCpu = engineAfter.cpuSeconds - engineBefore.cpuSeconds;
    const serverSideCpu = skeinCpu + engineCpu;
    const spansPerSecond = load.committedSpans / (load.elapsedMs / 1000);
    const peakRss = after.hwmBytes + engineAfter.hwmBytes;
    const otherCores = otherCpuShare(machineBusyDelta, serverSideCpu + clientCpuSeconds, load.elapsedMs / 1000);
    const failedRequests = Object.values(load.failures).reduce((s, n) => s + n, 0);
    if (failedRequests) process.stderr.write(`  ${failedRequests} failed requests ${JSON.stringify(load.failures)}, e.g.:\n    ${load.errorSamples.join("\n    ")}\n`);
    const missing = load.committedSpans - settled.spansStored;

    let decoders = (duckdb?.baselines["decode"] as DecodeFigure[] | undefined) ?? [];
    const decodeFrom = decoders.length ? "DuckDB's run (same payloads)" : "this run";
    if (!decoders.length) {
      process.stderr.write("  baseline: decode alone\n");
      decoders = await decodeBaselines(payloads.requests);
    }

    // Rates settle well before 300k rows; regenerating more spans would only lengthen the run.
    const insertSpans = Math.min(ctx.options.spans, 300_000);
    let insert: InsertFigure | undefined;
    let insertProblem: string | undefined;
    const direct = clickhouse.direct();
    try {
      insert = await clickhouseInsertBaseline(direct, run.plan, insertSpans, INSERT_ROWS);
    } catch (error) {
      insertProblem = `The bare ClickHouse INSERT baseline failed: ${(error as Error).message}`;
      process.stderr.write(`  ${insertProblem}\n`);
    } finally {
      direct.close();
    }

    const targets = [
      target("ingest end to end", spansPerSecond, "min", 100_000, "spans/s"),
      target("failed requests", failedRequests, "max", 0, "requests"),
      target("acknowledged spans missing from ClickHouse", missing, "max", 0, "spans"),
    ];
    const headline: Headline<typeof INGEST_HEADLINE> = {
      spansPerSecond: round(spansPerSecond),
      spansPerCpuSecond: round(load.committedSpans / serverSideCpu),
      peakRssMiB: round(peakRss / MiB),
      requestP50Ms: load.requestLatencyMs!.p50,
      requestP99Ms: load.requestLatencyMs!.p99,
    };
    const compared = compareEngines(INGEST_HEADLINE, headline, duckdb);
    const verdict = (i: number): Row["verdict"] => (targets[i]!.pass ? "PASS" : "MISS");
    const rows: Row[] = [
      row("spans/s committed (e2e)", fmt(spansPerSecond), { target: targetText(targets[0]!), verdict: verdict(0) }),
      ...decoders.map((d) => row(`  vs ${d.decoder}`, fmt(spansPerSecond), { baseline: fmt(d.spansPerSecond), ratio: ratioText(spansPerSecond / d.spansPerSecond) })),
      ...(insert ? [row(`  vs bare ClickHouse INSERT (spans table only), ${INSERT_ROWS.toLocaleString("en-US")} rows each`, fmt(spansPerSecond), { baseline: fmt(insert.spansPerSecond), ratio: ratioText(spansPerSecond / insert.spansPerSecond) })] : []),
      row("spans per server-side CPU-second (Skein + ClickHouse)", fmt(load.committedSpans / serverSideCpu)),
      row("Skein CPU s during load (cores)", cores(skeinCpu, load.elapsedMs)),
      row("clickhouse-server CPU s during load (cores)", cores(engineCpu, load.elapsedMs)),
      row("load generator CPU s (cores)", cores(clientCpuSeconds, load.elapsedMs)),
      row("other processes' CPU during load (cores)", Number.isFinite(otherCores) ? otherCores.toFixed(2) : "n/a"),
      row("request latency p50 / p99 ms", `${fmt(load.requestLatencyMs!.p50)} / ${fmt(load.requestLatencyMs!.p99)}`),
      row("failed requests (non-2xx)", `${failedRequests} / ${load.requests}`, { target: targetText(targets[1]!), verdict: verdict(1) }),
      row("spans in ClickHouse / acknowledged", `${settled.spansStored.toLocaleString("en-US")} / ${load.committedSpans.toLocaleString("en-US")}`, { target: targetText(targets[2]!), verdict: verdict(2) }),
      row("idle RSS MiB: Skein / clickhouse-server", `${fmt(before.rssBytes / MiB)} / ${fmt(engineBefore.rssBytes / MiB)}`),
      row("peak RSS (VmHWM) MiB: Skein / clickhouse-server", `${fmt(after.hwmBytes / MiB)} / ${fmt(engineAfter.hwmBytes / MiB)}`),
      row("spool bytes after shutdown", fmt(spool.bytes)),
      row("shutdown ms", fmt(stop.ms)),
      row("OPTIMIZE … FINAL after ingest ms", fmt(settled.optimizeFinalMs)),
      ...compared.rows,
    ];
    return {
      scenario: "ingest-clickhouse",
      options: { ...ctx.options, engine: "clickhouse", clickhouseVersion: settled.serverVersion, database: settled.database, spansPerRequest: run.plan.spansPerRequest, contentType: "application/x-protobuf" },
      figures: {
        spansSent: payloads.spanCounts.reduce((s, n) => s + n, 0),
        committedSpans: load.committedSpans,
        rejectedSpans: load.rejectedSpans,
        spansInClickHouse: settled.spansStored,
        requests: load.requests,
        failures: load.failures,
        requestLatencyMs: load.requestLatencyMs,
        errorSamples: load.errorSamples,
        elapsedMs: round(load.elapsedMs),
        spansPerSecond: round(spansPerSecond),
        wireBytesPerSpan: round(payloads.wireBytes / payloads.spanCounts.reduce((s, n) => s + n, 0)),
        skeinCpuSeconds: round(skeinCpu),
        clickhouseCpuSeconds: round(engineCpu),
        serverSideCoresUsed: round(serverSideCpu / (load.elapsedMs / 1000)),
        spansPerServerSideCpuSecond: round(load.committedSpans / serverSideCpu),
        loadGeneratorCpuSeconds: round(clientCpuSeconds),
        otherProcessesCoresDuringLoad: otherCores,
        skeinIdleRssBytes: before.rssBytes,
        clickhouseIdleRssBytes: engineBefore.rssBytes,
        peakSampledRssBytesSkeinPlusClickHouse: peakSampledRss,
        skeinPeakRssBytesVmHWM: after.hwmBytes,
        clickhousePeakRssBytesVmHWM: engineAfter.hwmBytes,
        spoolBytesAfterShutdown: spool.bytes,
        shutdown: { ...stop, ms: round(stop.ms) },
        settled,
      },
      baselines: {
        decode: decoders.map((d) => ({ ...d, ms: round(d.ms), spansPerSecond: round(d.spansPerSecond) })),
        decodeMeasuredIn: decodeFrom,
        clickhouseInsert: insert ? { ...insert, ms: round(insert.ms), spansPerSecond: round(insert.spansPerSecond) } : null,
      },
      ratios: {
        skeinOverDecodeRaw: round(spansPerSecond / decoders[0]!.spansPerSecond),
        ...(insert ? { skeinOverClickhouseInsert: round(spansPerSecond / insert.spansPerSecond) } : {}),
        ...compared.ratios,
      },
      targets,
      rows,
      headline,
      engines: compared.engines,
      notes: [
        ...(serverProblem ? [serverProblem] : []),
        `skein start --storage clickhouse on a fresh database; ${ctx.options.clients} concurrent clients, ${run.plan.spansPerRequest} spans per request, no retries; non-2xx responses count as failures.`,
        "Server-side = Skein + clickhouse-server (DuckDB runs inside Skein): CPU-seconds and peak RSS of both are added before comparing with DuckDB. clickhouse-server ran on the same 2 cores.",
        `Decode baselines: from ${decodeFrom}.`,
        insertProblem ?? `Bare ClickHouse INSERT baseline: the first ${insert!.spans.toLocaleString("en-US")} spans of the same data set (regenerated; generation not timed) as JSONEachRow over HTTP, one INSERT of ${INSERT_ROWS.toLocaleString("en-US")} rows at a time, into a scratch table made from the adapter's spans DDL — the spans table alone (Skein also writes trace_index and operations rows and keeps a spool), after the server stopped.`,
        "After the ingest, Skein is stopped and every MergeTree table gets OPTIMIZE … FINAL (not timed in spans/s) so that storage, trace-by-id and search see the merged state background merges settle to.",
        "'vs DuckDB, same run' rows: ClickHouse's figure, DuckDB's (ingest.json of this run) and the ratio ClickHouse ÷ DuckDB.",
      ],
    };
  },
};
