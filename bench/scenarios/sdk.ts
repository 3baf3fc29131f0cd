import { mkdirSync, rmSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import type { Row, ScenarioResult, Target } from "../support/results.js";
import { DATA_DIR } from "../support/repo-paths.js";
import { runOrder, runService } from "../support/sdk-http-bench.js";
import type { HttpPlan, HttpRun, Workload } from "../support/sdk-http-bench.js";
import { overhead, summarizeVariant } from "../support/sdk-http-summary.js";
import type { Overhead, VariantSummary, WorkloadSummary } from "../support/sdk-http-summary.js";
import { LOG_MODES, correlationProblems, logServiceName, medianNsPerLine, runLogCost } from "../support/sdk-log-cost.js";
import type { LogCostRun, LogLibrary } from "../support/sdk-log-cost.js";
import { TIMER_ALLOWANCE_MS } from "../support/sdk-load.js";
import { TRACES_CHECKED, checkExports } from "../support/sdk-skein-check.js";
import type { ExportCheck } from "../support/sdk-skein-check.js";
import { SDK_SERVICE_NAME, startDownstream } from "../support/sdk-service-process.js";
import { waitForIdle } from "../support/sdk-settle.js";
import { startSkein } from "../support/skein-process.js";
import type { Scenario } from "./context.js";
import { SERVER_LOG } from "./context.js";

const CHECKOUT: Workload = { name: "checkout", path: "/checkout", warmupConcurrency: 2 };
const QUOTE: Workload = { name: "quote", path: "/quote", warmupConcurrency: 8 };
const PLAN: HttpPlan = {
  workloads: [CHECKOUT, QUOTE],
  ratePerSec: 500,
  fixedMs: 5_000,
  warmupRequests: 3_000,
  leadInMs: 1_500,
  concurrency: 16,
  throughputMs: 2_000,
  rounds: 3,
};
/** How long the downstream price service takes to answer, ms (a fast database query). */
const DOWNSTREAM_DELAY_MS = 2;
const LOG_LINES = 100_000;
const LOG_ROUNDS = 3;
/** Processes per library and mode, interleaved plain, correlate, export, plain … */
const LOG_PASSES: Record<LogLibrary, number> = { pino: 2, winston: 1 };
const P50_OVERHEAD_TARGET_PCT = 10;
const CORRELATION_TARGET_NS = 1_000;

/**
 * The fixture HTTP service with and without @skein/node, interleaved runs: p50/p99 latency and
 * CPU per request at a fixed open-loop rate for a near-empty handler (checkout) and for one that
 * calls a downstream service (quote), then requests/s at a fixed concurrency; and the cost of one
 * pino/winston line with the SDK's log correlation. All against one real `skein start`.
 */
export const sdkScenario: Scenario = {
  name: "sdk",
  async run(): Promise<ScenarioResult> {
    const dataDir = join(DATA_DIR, "sdk-data");
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const server = await startSkein({ dataDir, logFile: SERVER_LOG });
    const downstream = await startDownstream(DOWNSTREAM_DELAY_MS).catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
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
    const env = {
      otlpHttpUrl: server.otlpHttpUrl,
      downstreamUrl: downstream.url,
      skein: () => server.sample(),
      ownProcesses: () => server.sample().cpuSeconds + downstream.sample().cpuSeconds,
    };
    try {
      for (const { variant, round } of runOrder(PLAN.rounds)) {
        await settle(`${variant} run ${round}`);
        const r = await runService(variant, round, PLAN, env);
        runs.push(r);
        const phases = PLAN.workloads.map((w) => {
          const p = r.fixed[w.name]!;
          return `${w.name} p50 ${fmt(p.latencyMs.p50)} ms p99 ${fmt(p.latencyMs.p99)} ms ${fmt(p.cpuMicrosPerRequest)} µs CPU/req`;
        });
        process.stderr.write(`  ${variant} run ${round}/${PLAN.rounds}: ${phases.join("; ")}; ${fmt(r.throughput.requestsPerSec)} req/s at ${PLAN.concurrency} concurrent\n`);
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
      // Traces from the middle of the last instrumented run's fixed-load phases (nothing dropped there).
      const last = runs.filter((r) => r.variant === "instrumented").pop()!.fixed;
      const middle = (p: { startedAtMs: number; endedAtMs: number }) => ({ start: p.startedAtMs + 1_000, end: p.endedAtMs - 1_000 });
      check = await checkExports(server.apiUrl, SDK_SERVICE_NAME, { checkout: middle(last.checkout!), quote: middle(last.quote!) }, LOG_MODES.filter((m) => m !== "plain").map(logServiceName));
    } finally {
      serverProblem = server.unexpectedExit();
      await downstream.stop();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    return buildResult(runs, logRuns, check, [...(serverProblem ? [serverProblem] : []), ...unsettledNote(unsettled)]);
  },
};

function buildResult(runs: HttpRun[], logRuns: LogCostRun[], check: ExportCheck, problemNotes: string[]): ScenarioResult {
  const base = summarizeVariant(runs.filter((r) => r.variant === "baseline"));
  const inst = summarizeVariant(runs.filter((r) => r.variant === "instrumented"));
  const pair = (w: Workload): { b: WorkloadSummary; i: WorkloadSummary; o: Overhead } => {
    const b = base.workloads[w.name]!;
    const i = inst.workloads[w.name]!;
    return { b, i, o: overhead(b, i) };
  };
  const checkout = pair(CHECKOUT);
  const quote = pair(QUOTE);
  const ns = (library: LogLibrary, mode: (typeof LOG_MODES)[number]): number => medianNsPerLine(logRuns, library, mode);
  const pino = { plain: ns("pino", "plain"), correlate: ns("pino", "correlate"), export: ns("pino", "export") };
  const winston = { plain: ns("winston", "plain"), correlate: ns("winston", "correlate"), export: ns("winston", "export") };
  const problems = correlationProblems(logRuns);
  if (!check.logsByService[logServiceName("export")]) problems.push("export mode: no log of the fixture reached Skein");
  if (check.logsByService[logServiceName("correlate")]) problems.push("correlate mode (logs: false) still exported logs to Skein");

  const p50Target = (w: Workload, o: Overhead): Target => target(`p50 latency overhead at ${PLAN.ratePerSec} req/s, ${w.name}`, o.p50Pct, "max", P50_OVERHEAD_TARGET_PCT, "%");
  const checkoutTarget = p50Target(CHECKOUT, checkout.o);
  const quoteTarget = p50Target(QUOTE, quote.o);
  const pinoCost = pino.correlate - pino.plain;
  const correlation = target("pino log correlation cost per line", problems.length ? Number.NaN : pinoCost, "max", CORRELATION_TARGET_NS, "ns");
  const failed = target("failed requests, both variants, every phase", base.failures + inst.failures, "max", 0, "requests");
  const exported = target(`of ${TRACES_CHECKED} checkout traces in Skein, those with their log line`, check.tracesWithLogs, "min", TRACES_CHECKED, "traces");
  const quoteComplete = target(`of ${TRACES_CHECKED} quote traces in Skein, those with server + client span and 2 log lines`, check.quoteTracesComplete, "min", TRACES_CHECKED, "traces");
  const verdict = (pass: boolean): Row["verdict"] => (pass ? "PASS" : "MISS");
  const row = (metric: string, skein: number, baseline: number, t?: Target): Row =>
    ({ metric, skein: fmt(skein), baseline: fmt(baseline), ratio: ratioText(skein / baseline), target: t ? targetText(t) : "", verdict: t ? verdict(t.pass) : "" });
  const costRow = (metric: string, value: number, t?: Target): Row =>
    ({ metric, skein: fmt(value), baseline: "", ratio: "", target: t ? targetText(t) : "", verdict: t ? verdict(t.pass) : "" });
  const shareRow = (metric: string, skein: number, baseline: number): Row => ({ ...row(metric, skein, baseline), ratio: "" });
  const signed = (v: number): string => `${v >= 0 ? "+" : ""}${fmt(v)}`;
  const workloadRows = (w: Workload, label: string, p: typeof checkout, t: Target): Row[] => [
    row(`${w.name} p50 ms, ${label} (${signed(p.o.p50DeltaMicros)} µs = ${signed(p.o.p50Pct)} %)`, p.i.p50Ms, p.b.p50Ms, t),
    row(`${w.name} p99 ms (${signed(p.o.p99DeltaMicros)} µs)`, p.i.p99Ms, p.b.p99Ms),
    row(`${w.name} service CPU µs/request (${signed(p.o.cpuDeltaMicros)} µs)`, p.i.cpuMicrosPerRequest, p.b.cpuMicrosPerRequest),
  ];

  return {
    scenario: "sdk",
    options: { ...PLAN, downstreamDelayMs: DOWNSTREAM_DELAY_MS, logLines: LOG_LINES, logRounds: LOG_ROUNDS, logPasses: LOG_PASSES, timerAllowanceMs: TIMER_ALLOWANCE_MS },
    figures: {
      instrumented: inst,
      overhead: { checkout: checkout.o, quote: quote.o },
      runs,
      logNsPerLine: { pino, winston },
      correlationCostNs: { pino: pinoCost, winston: winston.correlate - winston.plain },
      logRuns,
      exportCheck: check,
    },
    baselines: { uninstrumented: base },
    ratios: {
      checkoutP50InstrumentedOverBaseline: round2(checkout.i.p50Ms / checkout.b.p50Ms),
      checkoutP99InstrumentedOverBaseline: round2(checkout.i.p99Ms / checkout.b.p99Ms),
      checkoutCpuPerRequestInstrumentedOverBaseline: checkout.o.cpuRatio,
      quoteP50InstrumentedOverBaseline: round2(quote.i.p50Ms / quote.b.p50Ms),
      quoteP99InstrumentedOverBaseline: round2(quote.i.p99Ms / quote.b.p99Ms),
      quoteCpuPerRequestInstrumentedOverBaseline: quote.o.cpuRatio,
      requestsPerSecInstrumentedOverBaseline: round2(inst.requestsPerSec / base.requestsPerSec),
      pinoCorrelateOverPlain: round2(pino.correlate / pino.plain),
    },
    targets: [checkoutTarget, quoteTarget, correlation, failed, exported, quoteComplete],
    rows: [
      ...workloadRows(CHECKOUT, "near-empty handler", checkout, checkoutTarget),
      ...workloadRows(QUOTE, `${DOWNSTREAM_DELAY_MS} ms downstream call`, quote, quoteTarget),
      shareRow("Skein CPU during checkout, share of a core", checkout.i.skeinCpuShare, checkout.b.skeinCpuShare),
      shareRow("other processes' CPU during checkout, share of a core", checkout.i.otherCpuShare, checkout.b.otherCpuShare),
      row(`checkout requests/s at ${PLAN.concurrency} concurrent`, inst.requestsPerSec, base.requestsPerSec),
      { ...row("failed requests", inst.failures, base.failures, failed), ratio: "" },
      row("pino ns/line, correlation only", pino.correlate, pino.plain),
      costRow("pino correlation cost ns/line", pinoCost, correlation),
      row("pino ns/line, correlation + OTLP logs", pino.export, pino.plain),
      row("winston ns/line, correlation only", winston.correlate, winston.plain),
      row("winston ns/line, correlation + OTLP logs", winston.export, winston.plain),
      costRow(`checkout traces in Skein with their log line (of ${TRACES_CHECKED})`, check.tracesWithLogs, exported),
      costRow(`quote traces in Skein, server + client span + 2 logs (of ${TRACES_CHECKED})`, check.quoteTracesComplete, quoteComplete),
    ],
    notes: [
      ...problemNotes,
      ...problems,
      ...otherLoadNote(base, inst),
      `The service's own load at ${PLAN.ratePerSec} req/s (CPU/request × rate, share of a core), baseline → instrumented: checkout ${fmt(busy(checkout.b))} → ${fmt(busy(checkout.i))}, quote ${fmt(busy(quote.b))} → ${fmt(busy(quote.i))} (without the SDK, quote's fetch(), extra JSON and second log line take ${fmt(quote.b.cpuMicrosPerRequest - checkout.b.cpuMicrosPerRequest)} µs of CPU more than checkout). The busier the event loop, the more a request also waits behind other requests' SDK work, so a p50 difference can exceed the CPU difference.`,
      `HTTP: bench/fixtures/sdk-service.mjs (node:http + pino to /dev/null) as \`node fixture\` (baseline) and \`node --import @skein/node/register fixture\` (SDK defaults, exporting traces and logs to a real \`skein start\` on the same machine). checkout = POST /checkout, a near-empty handler: parse a 20-item JSON cart, total it, one pino line, JSON answer; 1 span and 1 log record per request. quote = POST /quote, a small service doing I/O: parse the cart, a pino line, fetch() (keep-alive) to an uninstrumented price service that answers after ${DOWNSTREAM_DELAY_MS} ms (bench/fixtures/sdk-downstream.mjs), parse its JSON, a second pino line, JSON answer; 2 spans (server, client) and 2 log records per request. ${PLAN.rounds} runs per variant, interleaved (A B, B A, …), one service process per run; figures are medians over runs. Ratio = instrumented ÷ baseline; "+N µs" = instrumented − baseline, the absolute cost per request.`,
      `Each run starts once Skein is idle (≤ 5 % of a core for 0.5 s), then warms each route up with ${PLAN.warmupRequests.toLocaleString("en-US")} closed-loop requests (${CHECKOUT.warmupConcurrency} workers for checkout, ${QUOTE.warmupConcurrency} for quote: the JIT needs a few thousand requests before the cost per request is steady, for both variants), then per workload ${PLAN.leadInMs / 1000} s unmeasured at the fixed rate (the SDK exports what the warm-up queued) and ${PLAN.fixedMs / 1000} s measured, open loop at ${PLAN.ratePerSec} req/s (keep-alive, up to 256 connections; latency from the scheduled send time to the last body byte, less up to ${TIMER_ALLOWANCE_MS} ms of timer lag: a generator further behind counts against the service, so no coordinated omission), then ${PLAN.throughputMs / 1000} s closed loop on checkout with ${PLAN.concurrency} workers for requests/s.`,
      `Service CPU/request = everything the service process did during a measured phase (user + system CPU of all its threads: request handling, the SDK's span/log processing, OTLP encoding and export to Skein, GC, JIT) ÷ answers. p50/p99 include loopback and the generator's own scheduling on a shared core; p50 is what one request waits for the SDK's work on its own path, p99 also catches batch exports that block the event loop. Skein CPU = its CPU seconds during the checkout phase ÷ its length (ingesting the instrumented service's telemetry on the shared cores). Other processes' CPU = machine busy time (/proc/stat) less the service, Skein, the price service and the bench, ÷ phase length: anything else running on the machine, which makes both variants slower and noisier. The generator, the service and Skein share the machine's ${cpus().length} cores.`,
      `Logs: bench/fixtures/sdk-log-cost.mjs, one process per library × mode (pino ${LOG_PASSES.pino} passes, winston ${LOG_PASSES.winston}), ${LOG_ROUNDS} timed rounds of ${LOG_LINES.toLocaleString("en-US")} lines after a warm-up, all inside one active span, to a sink that drops the line (serialization and instrumentation measured, no I/O); median of all rounds. plain = the logger, no SDK; correlation only = @skein/node start({ logs: false }): trace_id/span_id/trace_flags added to each record; + OTLP logs = start() defaults: also a log record per line to the batch processor, whose encoding and export run on the same thread during the loop's yields (lines beyond its queue while an export is in flight are dropped by the SDK, so that figure is a lower bound of sustained cost). Correlation cost = correlation only − plain.`,
      `Checks through Skein's API: ${TRACES_CHECKED} checkout traces of the instrumented service from the middle of its last checkout phase, each with its pino line (GET /api/v1/logs?traceId=); ${TRACES_CHECKED} quote traces from its last quote phase, each with a server span, a client span and both pino lines; the correlation-only log fixture exported no log, the + OTLP logs one did; plain lines carry no trace_id, the others do.`,
    ],
  };
}

/** Share of one core the service used at the fixed rate. */
function busy(w: WorkloadSummary): number {
  return (w.cpuMicrosPerRequest * PLAN.ratePerSec) / 1e6;
}

function otherLoadNote(base: VariantSummary, inst: VariantSummary): string[] {
  const shares = [base, inst].flatMap((v) => Object.values(v.workloads).map((w) => w.otherCpuShare));
  const most = Math.max(...shares.filter(Number.isFinite));
  return most > 0.1
    ? [`Other processes used up to ${fmt(most)} of a core during the measured phases (median per variant and workload): the machine was not quiet, so latencies and CPU/request are inflated for both variants and the overhead figures are noisier than usual.`]
    : [];
}

function unsettledNote(unsettled: string[]): string[] {
  return unsettled.length ? [`Skein was still busy (> 5 % of a core) 15 s after the previous run, before: ${unsettled.join(", ")}; those figures share the CPU with its ingest.`] : [];
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
