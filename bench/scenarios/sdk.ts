import { mkdirSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { Row, ScenarioResult, Target } from "../support/results.js";
import { DATA_DIR } from "../support/repo-paths.js";
import { runOrder, runService, summarizeVariant } from "../support/sdk-http-bench.js";
import type { HttpPlan, HttpRun } from "../support/sdk-http-bench.js";
import { LOG_MODES, correlationProblems, logServiceName, medianNsPerLine, runLogCost } from "../support/sdk-log-cost.js";
import type { LogCostRun, LogLibrary } from "../support/sdk-log-cost.js";
import { TRACES_CHECKED, checkExports } from "../support/sdk-skein-check.js";
import type { ExportCheck } from "../support/sdk-skein-check.js";
import { SDK_SERVICE_NAME } from "../support/sdk-service-process.js";
import { TIMER_ALLOWANCE_MS } from "../support/sdk-load.js";
import { waitForIdle } from "../support/sdk-settle.js";
import { startSkein } from "../support/skein-process.js";
import type { Scenario } from "./context.js";
import { SERVER_LOG } from "./context.js";

const PLAN: HttpPlan = { ratePerSec: 500, fixedMs: 6_000, concurrency: 16, throughputMs: 3_000, warmupMs: 2_000, rounds: 3 };
const LOG_LINES = 200_000;
const LOG_ROUNDS = 3;
/** Processes per library and mode, interleaved plain, correlate, export, plain … */
const LOG_PASSES: Record<LogLibrary, number> = { pino: 2, winston: 1 };
const P50_OVERHEAD_TARGET_PCT = 10;
const CORRELATION_TARGET_NS = 1_000;

/**
 * The fixture HTTP service with and without @skein/node (latency at a fixed open-loop rate, then
 * requests/s at a fixed concurrency, interleaved runs), and the cost of one pino/winston line
 * with the SDK's log correlation; all against one real `skein start`.
 */
export const sdkScenario: Scenario = {
  name: "sdk",
  async run(): Promise<ScenarioResult> {
    const dataDir = join(DATA_DIR, "sdk-data");
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const server = await startSkein({ dataDir, logFile: SERVER_LOG });
    const runs: HttpRun[] = [];
    const logRuns: LogCostRun[] = [];
    let serverProblem: string | undefined;
    let check: ExportCheck;
    const unsettled: string[] = [];
    // Skein shares the cores: let it finish ingesting what the previous run exported.
    const settle = async (before: string): Promise<void> => {
      const s = await waitForIdle(() => server.sample());
      if (!s.settled) unsettled.push(before);
      if (s.waitedMs > 1_000) process.stderr.write(`  waited ${(s.waitedMs / 1000).toFixed(1)} s for Skein to go idle\n`);
    };
    try {
      for (const { variant, round } of runOrder(PLAN.rounds)) {
        await settle(`${variant} run ${round}`);
        const r = await runService(variant, round, PLAN, server.otlpHttpUrl, () => server.sample());
        runs.push(r);
        process.stderr.write(
          `  ${variant} run ${round}/${PLAN.rounds}: ${PLAN.ratePerSec} req/s p50 ${fmt(r.fixed.latencyMs.p50)} ms p99 ${fmt(r.fixed.latencyMs.p99)} ms` +
            ` (${fmt(r.fixed.cpuMicrosPerRequest)} µs CPU/req); ${PLAN.concurrency} concurrent: ${fmt(r.throughput.requestsPerSec)} req/s\n`,
        );
      }
      for (const library of ["pino", "winston"] as const) {
        for (let pass = 0; pass < LOG_PASSES[library]; pass++) {
          for (const mode of LOG_MODES) {
            await settle(`${library} ${mode}`);
            const r = await runLogCost(library, mode, LOG_LINES, LOG_ROUNDS, server.otlpHttpUrl);
            logRuns.push(r);
            process.stderr.write(`  ${library} ${mode}: ${r.nsPerLine.map((n) => fmt(n)).join(", ")} ns/line\n`);
          }
        }
      }
      // Traces from the middle of the last instrumented fixed-load phase (nothing dropped there).
      const last = runs.filter((r) => r.variant === "instrumented").pop()!.fixed;
      const window = { start: last.startedAtMs + 1_000, end: last.endedAtMs - 1_000 };
      check = await checkExports(server.apiUrl, SDK_SERVICE_NAME, window, LOG_MODES.filter((m) => m !== "plain").map(logServiceName));
    } finally {
      serverProblem = server.unexpectedExit();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    return buildResult(runs, logRuns, check, [...(serverProblem ? [serverProblem] : []), ...unsettledNote(unsettled)]);
  },
};

function buildResult(runs: HttpRun[], logRuns: LogCostRun[], check: ExportCheck, problemNotes: string[]): ScenarioResult {
  const base = summarizeVariant(runs.filter((r) => r.variant === "baseline"));
  const inst = summarizeVariant(runs.filter((r) => r.variant === "instrumented"));
  const ns = (library: LogLibrary, mode: (typeof LOG_MODES)[number]): number => medianNsPerLine(logRuns, library, mode);
  const pino = { plain: ns("pino", "plain"), correlate: ns("pino", "correlate"), export: ns("pino", "export") };
  const winston = { plain: ns("winston", "plain"), correlate: ns("winston", "correlate"), export: ns("winston", "export") };
  const problems = correlationProblems(logRuns);
  if (!check.logsByService[logServiceName("export")]) problems.push("export mode: no log of the fixture reached Skein");
  if (check.logsByService[logServiceName("correlate")]) problems.push("correlate mode (logs: false) still exported logs to Skein");

  const p50Ratio = inst.p50Ms / base.p50Ms;
  const overhead = target(`p50 latency overhead at ${PLAN.ratePerSec} req/s`, (p50Ratio - 1) * 100, "max", P50_OVERHEAD_TARGET_PCT, "%");
  const pinoCost = pino.correlate - pino.plain;
  const correlation = target("pino log correlation cost per line", problems.length ? Number.NaN : pinoCost, "max", CORRELATION_TARGET_NS, "ns");
  const failed = target("failed requests, both variants", base.failures + inst.failures, "max", 0, "requests");
  const exported = target(`of ${TRACES_CHECKED} instrumented traces in Skein, those with their log line`, check.tracesWithLogs, "min", TRACES_CHECKED, "traces");
  const verdict = (pass: boolean): Row["verdict"] => (pass ? "PASS" : "MISS");
  const row = (metric: string, skein: number, baseline: number, t?: Target): Row =>
    ({ metric, skein: fmt(skein), baseline: fmt(baseline), ratio: ratioText(skein / baseline), target: t ? targetText(t) : "", verdict: t ? verdict(t.pass) : "" });
  const costRow = (metric: string, value: number, t?: Target): Row =>
    ({ metric, skein: fmt(value), baseline: "", ratio: "", target: t ? targetText(t) : "", verdict: t ? verdict(t.pass) : "" });

  return {
    scenario: "sdk",
    options: { ...PLAN, logLines: LOG_LINES, logRounds: LOG_ROUNDS, logPasses: LOG_PASSES, timerAllowanceMs: TIMER_ALLOWANCE_MS },
    figures: { instrumented: inst, runs, logNsPerLine: { pino, winston }, correlationCostNs: { pino: pinoCost, winston: winston.correlate - winston.plain }, logRuns, exportCheck: check },
    baselines: { uninstrumented: base },
    ratios: {
      p50InstrumentedOverBaseline: round2(p50Ratio),
      p99InstrumentedOverBaseline: round2(inst.p99Ms / base.p99Ms),
      cpuPerRequestInstrumentedOverBaseline: round2(inst.cpuMicrosPerRequest / base.cpuMicrosPerRequest),
      requestsPerSecInstrumentedOverBaseline: round2(inst.requestsPerSec / base.requestsPerSec),
      pinoCorrelateOverPlain: round2(pino.correlate / pino.plain),
    },
    targets: [overhead, correlation, failed, exported],
    rows: [
      row(`${PLAN.ratePerSec} req/s p50 ms (overhead ${fmt(overhead.value)} %)`, inst.p50Ms, base.p50Ms, overhead),
      row(`${PLAN.ratePerSec} req/s p99 ms`, inst.p99Ms, base.p99Ms),
      row(`${PLAN.ratePerSec} req/s service CPU µs/request`, inst.cpuMicrosPerRequest, base.cpuMicrosPerRequest),
      { ...row(`${PLAN.ratePerSec} req/s Skein CPU, share of a core`, inst.skeinCpuShare, base.skeinCpuShare), ratio: "" },
      row(`requests/s at ${PLAN.concurrency} concurrent`, inst.requestsPerSec, base.requestsPerSec),
      { ...row("failed requests", inst.failures, base.failures, failed), ratio: "" },
      row("pino ns/line, correlation only", pino.correlate, pino.plain),
      costRow("pino correlation cost ns/line", pinoCost, correlation),
      row("pino ns/line, correlation + OTLP logs", pino.export, pino.plain),
      row("winston ns/line, correlation only", winston.correlate, winston.plain),
      row("winston ns/line, correlation + OTLP logs", winston.export, winston.plain),
      costRow(`traces in Skein with their log line (of ${TRACES_CHECKED})`, check.tracesWithLogs, exported),
    ],
    notes: [
      ...problemNotes,
      ...problems,
      `HTTP: bench/fixtures/sdk-service.mjs (node:http, POST /checkout: parse a 20-item JSON cart, total it, one pino line to /dev/null, JSON answer) as \`node fixture\` (baseline) and \`node --import @skein/node/register fixture\` (SDK defaults, exporting traces and logs to a real \`skein start\` on the same machine). ${PLAN.rounds} runs per variant, interleaved (A B, B A, …), one process each; figures are medians over runs. Ratio = instrumented ÷ baseline.`,
      `Each run starts once Skein is idle (≤ 5 % of a core for 0.5 s), warms up for ${PLAN.warmupMs / 1000} s at the fixed rate, then runs ${PLAN.fixedMs / 1000} s open loop at ${PLAN.ratePerSec} req/s (keep-alive, up to 256 connections; latency from the scheduled send time to the last body byte, less up to ${TIMER_ALLOWANCE_MS} ms of timer lag: a generator further behind counts against the service, so no coordinated omission), then ${PLAN.throughputMs / 1000} s closed loop with ${PLAN.concurrency} workers for requests/s. Service CPU/request = the process's user+system CPU during the open-loop phase ÷ answers; Skein CPU = its CPU seconds during that phase ÷ its length (what ingesting the instrumented service's spans and logs took from the shared cores). The generator, the service and Skein share the machine's ${cpus().length} cores.`,
      `Logs: bench/fixtures/sdk-log-cost.mjs, one process per library × mode (pino ${LOG_PASSES.pino} passes, winston ${LOG_PASSES.winston}), ${LOG_ROUNDS} timed rounds of ${LOG_LINES.toLocaleString("en-US")} lines after a warm-up, all inside one active span, to a sink that drops the line (serialization and instrumentation measured, no I/O); median of all rounds. plain = the logger, no SDK; correlation only = @skein/node start({ logs: false }): trace_id/span_id/trace_flags added to each record; + OTLP logs = start() defaults: also a log record per line to the batch processor, whose encoding and export run on the same thread during the loop's yields (lines beyond its 2,048-record queue while an export is in flight are dropped by the SDK, so that figure is a lower bound of sustained cost). Correlation cost = correlation only − plain.`,
      `Checks through Skein's API: ${TRACES_CHECKED} traces of the instrumented service from the middle of its last fixed-load phase, each with its pino line (GET /api/v1/logs?traceId=); the correlation-only fixture exported no log, the + OTLP logs one did; plain lines carry no trace_id, the others do.`,
    ],
  };
}

function unsettledNote(unsettled: string[]): string[] {
  return unsettled.length ? [`Skein was still busy (> 5 % of a core) 15 s after the previous run, before: ${unsettled.join(", ")}; those figures share the CPU with its ingest.`] : [];
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
