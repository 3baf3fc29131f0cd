import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { HttpClient } from "../support/http-client.js";
import type { Row, ScenarioResult, Target } from "../support/results.js";
import { fmt, ratioText, target, targetText } from "../support/results.js";
import { DATA_DIR } from "../support/repo-paths.js";
import { startSkein } from "../support/skein-process.js";
import { launchChromium } from "../support/ui-chromium.js";
import { ingestBigTrace } from "../support/ui-ingest.js";
import { medianRun, measureTracePage, type UiRun } from "../support/ui-measure.js";
import { generateBigTrace } from "../support/ui-trace-generator.js";
import type { BenchContext, Scenario } from "./context.js";
import { SERVER_LOG } from "./context.js";

/** Trace sizes and the "interactive" budget of each (render + scroll + select + collapse). */
const SIZES = [
  { spans: 10_000, targetMs: 1_000 },
  { spans: 100_000, targetMs: 3_000 },
];
const RUNS = 5;

interface SizeResult {
  spans: number;
  logs: number;
  maxDepth: number;
  wireBytes: number;
  runs: UiRun[];
  median: ReturnType<typeof medianRun>;
  target: Target;
}

/**
 * Opens a 10k- and a 100k-span trace in Chromium against a real server and times the waterfall:
 * first rows on screen after the body arrived, then scroll to the middle, select a span, collapse
 * a subtree. Baselines in the same page: JSON.parse of the same body, and a naive render of one
 * div per span. Median of RUNS page loads per size.
 */
export const uiScenario: Scenario = {
  name: "ui",
  async run(ctx: BenchContext): Promise<ScenarioResult> {
    const dataDir = join(DATA_DIR, "ui-data");
    rmSync(dataDir, { recursive: true, force: true });
    mkdirSync(dataDir, { recursive: true });
    const server = await startSkein({ dataDir, logFile: SERVER_LOG });
    const results: SizeResult[] = [];
    let serverProblem: string | undefined;
    const browser = await launchChromium().catch(async (error: unknown) => {
      await server.stop();
      throw error;
    });
    try {
      const baseNs = BigInt(Date.now() - 10 * 60_000) * 1_000_000n;
      for (const size of SIZES) {
        const trace = generateBigTrace(size.spans, ctx.options.seed + size.spans, baseNs);
        const traceId = Buffer.from(trace.traceId).toString("hex");
        process.stderr.write(`  ${size.spans.toLocaleString("en-US")}-span trace ${traceId}: depth ${trace.maxDepth}, ${trace.logs.length} logs, sending…\n`);
        const { wireBytes } = await ingestBigTrace(server.otlpHttpUrl, trace);
        await assertStored(server.apiUrl, traceId, size.spans);
        const runs: UiRun[] = [];
        for (let i = 0; i < RUNS; i++) {
          const run = await measureTracePage(browser, server.apiUrl, traceId, size.spans);
          process.stderr.write(`  run ${i + 1}/${RUNS}: render ${fmt(run.renderMs)} ms, scroll ${fmt(run.scrollMs)}, select ${fmt(run.selectMs)}, collapse ${fmt(run.collapseMs)}; JSON.parse ${fmt(run.jsonParseMs)}, naive ${fmt(run.naiveRenderMs)}\n`);
          runs.push(run);
        }
        const median = medianRun(runs);
        const t = target(`${size.spans.toLocaleString("en-US")}-span trace interactive`, median.interactiveMs, "max", size.targetMs, "ms");
        results.push({ spans: size.spans, logs: trace.logs.length, maxDepth: trace.maxDepth, wireBytes, runs, median, target: t });
      }
    } finally {
      await browser.close();
      serverProblem = server.unexpectedExit();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
    return report(ctx, results, serverProblem);
  },
};

/** Throws unless GET /api/v1/traces/{id} returns all `spans` spans (ingest acks after commit). */
async function assertStored(apiUrl: string, traceId: string, spans: number): Promise<void> {
  const http = new HttpClient(apiUrl, 1);
  try {
    const res = await http.getJson(`/api/v1/traces/${traceId}`);
    const got = (res.json as { spans?: unknown[] } | undefined)?.spans?.length;
    if (res.status !== 200 || got !== spans) throw new Error(`GET /api/v1/traces/${traceId}: ${res.status}, ${String(got)} of ${spans} spans`);
  } finally {
    http.close();
  }
}

function report(ctx: BenchContext, results: SizeResult[], serverProblem: string | undefined): ScenarioResult {
  const rows: Row[] = [];
  const ratios: Record<string, number> = {};
  for (const r of results) {
    const m = r.median;
    const k = `${r.spans / 1000}k`;
    ratios[`renderOverJsonParse${k}`] = round2(m.renderMs / m.jsonParseMs);
    ratios[`renderOverNaiveRender${k}`] = round2(m.renderMs / m.naiveRenderMs);
    ratios[`interactiveOverNaiveRender${k}`] = round2(m.interactiveMs / m.naiveRenderMs);
    rows.push(
      { metric: `${k}: render ms (data arrived → rows painted)`, skein: fmt(m.renderMs), baseline: fmt(m.naiveRenderMs), ratio: ratioText(m.renderMs / m.naiveRenderMs), target: "", verdict: "" },
      { metric: `${k}: render vs JSON.parse of the body`, skein: fmt(m.renderMs), baseline: fmt(m.jsonParseMs), ratio: ratioText(m.renderMs / m.jsonParseMs), target: "", verdict: "" },
      { metric: `${k}: scroll to middle ms`, skein: fmt(m.scrollMs), baseline: "", ratio: "", target: "", verdict: "" },
      { metric: `${k}: select a span ms`, skein: fmt(m.selectMs), baseline: "", ratio: "", target: "", verdict: "" },
      { metric: `${k}: collapse a subtree ms`, skein: fmt(m.collapseMs), baseline: "", ratio: "", target: "", verdict: "" },
      { metric: `${k}: page open → rows painted ms (incl. GET)`, skein: fmt(m.navigationToRenderedMs), baseline: "", ratio: "", target: "", verdict: "" },
      { metric: `${k}: interactive ms (sum)`, skein: fmt(m.interactiveMs), baseline: fmt(m.naiveRenderMs), ratio: ratioText(m.interactiveMs / m.naiveRenderMs), target: targetText(r.target), verdict: r.target.pass ? "PASS" : "MISS" },
    );
  }
  const pageErrors = [...new Set(results.flatMap((r) => r.runs.flatMap((run) => run.pageErrors)))];
  return {
    scenario: "ui",
    options: { seed: ctx.options.seed, sizes: SIZES.map((s) => s.spans), runs: RUNS, viewport: "1440x900", browser: "/usr/bin/chromium --headless" },
    figures: Object.fromEntries(results.map((r) => [`spans${r.spans}`, { logs: r.logs, maxDepth: r.maxDepth, wireBytes: r.wireBytes, medianMs: r.median, runs: r.runs }])),
    baselines: Object.fromEntries(results.map((r) => [`spans${r.spans}`, { jsonParseMs: r.median.jsonParseMs, naiveRenderMs: r.median.naiveRenderMs, bodyBytes: r.median.bodyBytes }])),
    ratios,
    targets: results.map((r) => r.target),
    rows,
    notes: [
      ...(serverProblem ? [serverProblem] : []),
      ...(pageErrors.length ? [`problems seen in the page: ${pageErrors.slice(0, 5).join(" | ")}`] : []),
      `Median of ${RUNS} page loads per size, each in a fresh page. render = mark skein:trace-rendered − skein:trace-data-arrived (JSON.parse, zod check, trace model, first rows painted).`,
      "Interactions are timed in the page from the action until the frame after the expected DOM change has painted (rAF → setTimeout 0). interactive = render + scroll + select + collapse.",
      "Baselines in the same page: JSON.parse of the same /api/v1/traces/{id} body; naive render = JSON.parse + one plain div per span appended to the document + first paint. Ratio = Skein ÷ baseline (lower is better).",
    ],
  };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
