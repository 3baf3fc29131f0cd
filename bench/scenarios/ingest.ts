import { decodeBaselines } from "../support/decode-baseline.js";
import { duckdbAppendBaseline } from "../support/duckdb-append-baseline.js";
import { round } from "../support/latency.js";
import type { ProcSample } from "../support/proc-stats.js";
import { machineBusySeconds, otherCpuShare } from "../support/sdk-machine-load.js";
import type { Row, ScenarioResult } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import { DUCKDB_DATA_SET } from "../support/data-set-location.js";
import type { Headline } from "../support/headlines.js";
import type { INGEST_HEADLINE } from "../support/headlines.js";
import type { BenchContext, Scenario } from "./context.js";
import { completeDataSet, ingestDataSet } from "./context.js";

const MiB = 1024 * 1024;
/** The append baseline's commit cadence: about what a group commit of ≥10k rows does. */
const COMMIT_ROWS = 16_384;

/**
 * End-to-end OTLP/HTTP protobuf ingest into a real `skein start` (fresh data dir), against
 * protobuf.js decode alone and a bare DuckDB append of the same spans, measured in the same run.
 */
export const ingestScenario: Scenario = {
  name: "ingest",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    let idle: ProcSample | undefined;
    let peakSampledRss = 0;
    let sampler: NodeJS.Timeout | undefined;
    let clientCpu: NodeJS.CpuUsage | undefined;
    let machineBusy = Number.NaN;
    const run = await ingestDataSet(
      ctx,
      DUCKDB_DATA_SET,
      async (server) => {
        await new Promise((r) => setTimeout(r, 2000)); // let start-up work settle
        idle = server.sample();
        clientCpu = process.cpuUsage();
        machineBusy = machineBusySeconds();
        sampler = setInterval(() => {
          peakSampledRss = Math.max(peakSampledRss, server.sample().rssBytes);
        }, 250);
      },
      (server) => `server RSS ${fmt(server.sample().rssBytes / MiB)} MiB`,
    );
    clearInterval(sampler);
    const machineBusyDelta = machineBusySeconds() - machineBusy;
    const clientUsage = process.cpuUsage(clientCpu);
    const clientCpuSeconds = (clientUsage.user + clientUsage.system) / 1e6;
    const after = run.server.sample();
    const serverProblem = run.server.unexpectedExit();
    const stop = await run.server.stop();
    await completeDataSet(ctx, DUCKDB_DATA_SET, run);
    const { load } = run;
    const before = idle!;
    const cpuSeconds = after.cpuSeconds - before.cpuSeconds;
    const spansPerSecond = load.committedSpans / (load.elapsedMs / 1000);
    const payloads = run.payloads;
    const otherCores = otherCpuShare(machineBusyDelta, cpuSeconds + clientCpuSeconds, load.elapsedMs / 1000);
    const failedRequests = Object.values(load.failures).reduce((s, n) => s + n, 0);
    if (failedRequests) process.stderr.write(`  ${failedRequests} failed requests ${JSON.stringify(load.failures)}, e.g.:\n    ${load.errorSamples.join("\n    ")}\n`);

    process.stderr.write("  baseline: decode alone\n");
    const decoders = await decodeBaselines(payloads.requests);
    // Rates settle well before 300k rows; regenerating more spans would only lengthen the run.
    const appendSpans = Math.min(ctx.options.spans, 300_000);
    const appendBulk = await duckdbAppendBaseline(run.plan, appendSpans, Number.POSITIVE_INFINITY);
    const append = await duckdbAppendBaseline(run.plan, appendSpans, COMMIT_ROWS);
    const reference = decoders.find((d) => d.decoder.includes("Reference")) ?? decoders[0]!;
    const raw = decoders[0]!;

    const targets = [
      target("ingest end to end", spansPerSecond, "min", 100_000, "spans/s"),
      target("idle RSS", before.rssBytes / MiB, "max", 150, "MiB"),
      target("peak RSS during ingest", after.hwmBytes / MiB, "max", 1536, "MiB"),
      target("failed requests", failedRequests, "max", 0, "requests"),
    ];
    const rows: Row[] = [
      { metric: "spans/s committed (e2e)", skein: fmt(spansPerSecond), baseline: "", ratio: "", target: targetText(targets[0]!), verdict: targets[0]!.pass ? "PASS" : "MISS" },
      ...decoders.map((d) => ({ metric: `  vs ${d.decoder}`, skein: fmt(spansPerSecond), baseline: fmt(d.spansPerSecond), ratio: ratioText(spansPerSecond / d.spansPerSecond), target: "", verdict: "" as const })),
      { metric: "  vs bare DuckDB appender, one commit", skein: fmt(spansPerSecond), baseline: fmt(appendBulk.spansPerSecond), ratio: ratioText(spansPerSecond / appendBulk.spansPerSecond), target: "", verdict: "" },
      { metric: `  vs bare DuckDB appender, commit/${COMMIT_ROWS}`, skein: fmt(spansPerSecond), baseline: fmt(append.spansPerSecond), ratio: ratioText(spansPerSecond / append.spansPerSecond), target: "", verdict: "" },
      { metric: "spans per server CPU-second", skein: fmt(load.committedSpans / cpuSeconds), baseline: "", ratio: "", target: "", verdict: "" },
      { metric: "server CPU s during load (cores)", skein: `${fmt(cpuSeconds)} (${(cpuSeconds / (load.elapsedMs / 1000)).toFixed(2)})`, baseline: "", ratio: "", target: "", verdict: "" },
      { metric: "load generator CPU s (cores)", skein: `${fmt(clientCpuSeconds)} (${(clientCpuSeconds / (load.elapsedMs / 1000)).toFixed(2)})`, baseline: "", ratio: "", target: "", verdict: "" },
      { metric: "other processes' CPU during load (cores)", skein: Number.isFinite(otherCores) ? otherCores.toFixed(2) : "n/a", baseline: "", ratio: "", target: "", verdict: "" },
      { metric: "request latency p50 / p99 ms", skein: `${fmt(load.requestLatencyMs!.p50)} / ${fmt(load.requestLatencyMs!.p99)}`, baseline: "", ratio: "", target: "", verdict: "" },
      { metric: "failed requests (non-2xx)", skein: `${failedRequests} / ${load.requests}`, baseline: "", ratio: "", target: targetText(targets[3]!), verdict: targets[3]!.pass ? "PASS" : "MISS" },
      { metric: "idle RSS (MiB)", skein: fmt(before.rssBytes / MiB), baseline: "", ratio: "", target: targetText(targets[1]!), verdict: targets[1]!.pass ? "PASS" : "MISS" },
      { metric: "peak RSS, VmHWM (MiB)", skein: fmt(after.hwmBytes / MiB), baseline: "", ratio: "", target: targetText(targets[2]!), verdict: targets[2]!.pass ? "PASS" : "MISS" },
      { metric: "shutdown (checkpoint) ms", skein: fmt(stop.ms), baseline: "", ratio: "", target: "", verdict: "" },
    ];
    return {
      scenario: "ingest",
      options: { ...ctx.options, spansPerRequest: run.plan.spansPerRequest, contentType: "application/x-protobuf" },
      figures: {
        spansSent: payloads.spanCounts.reduce((s, n) => s + n, 0),
        committedSpans: load.committedSpans,
        rejectedSpans: load.rejectedSpans,
        requests: load.requests,
        failures: load.failures,
        requestLatencyMs: load.requestLatencyMs,
        errorSamples: load.errorSamples,
        elapsedMs: round(load.elapsedMs),
        spansPerSecond: round(spansPerSecond),
        wireBytesPerSpan: round(payloads.wireBytes / ctx.options.spans),
        serverCpuSeconds: round(cpuSeconds),
        serverCoresUsed: round(cpuSeconds / (load.elapsedMs / 1000)),
        spansPerCpuSecond: round(load.committedSpans / cpuSeconds),
        loadGeneratorCpuSeconds: round(clientCpuSeconds),
        otherProcessesCoresDuringLoad: otherCores,
        idleRssBytes: before.rssBytes,
        peakSampledRssBytes: peakSampledRss,
        peakRssBytesVmHWM: after.hwmBytes,
        shutdown: { ...stop, ms: round(stop.ms) },
      },
      baselines: { decode: decoders.map((d) => ({ ...d, ms: round(d.ms), spansPerSecond: round(d.spansPerSecond) })), duckdbAppend: [appendBulk, append].map((a) => ({ ...a, commitRows: Number.isFinite(a.commitRows) ? a.commitRows : "once at the end", ms: round(a.ms), spansPerSecond: round(a.spansPerSecond), bytesPerSpan: round(a.bytesPerSpan) })) },
      ratios: {
        skeinOverDecodeReference: round(spansPerSecond / reference.spansPerSecond),
        skeinOverDecodeRaw: round(spansPerSecond / raw.spansPerSecond),
        skeinOverDuckdbAppendOneCommit: round(spansPerSecond / appendBulk.spansPerSecond),
        skeinOverDuckdbAppendCommitEvery16k: round(spansPerSecond / append.spansPerSecond),
      },
      targets,
      rows,
      headline: {
        spansPerSecond: round(spansPerSecond),
        spansPerCpuSecond: round(load.committedSpans / cpuSeconds),
        peakRssMiB: round(after.hwmBytes / MiB),
        requestP50Ms: load.requestLatencyMs!.p50,
        requestP99Ms: load.requestLatencyMs!.p99,
      } satisfies Headline<typeof INGEST_HEADLINE>,
      notes: [
        ...(serverProblem ? [serverProblem] : []),
        `${ctx.options.clients} concurrent clients, ${run.plan.spansPerRequest} spans per request, no retries; non-2xx responses count as failures.`,
        "Ratios are Skein ÷ baseline: the share of the single-core decode-only (or append-only) rate the whole server reaches.",
        "The decode and append baselines run in the bench process after the server stopped; the server ran on the same 2 cores as the load generator.",
        `The append baselines use the first ${appendSpans.toLocaleString("en-US")} spans of the same data set (regenerated; generation not timed), 2 DuckDB threads.`,
      ],
    };
  },
};
