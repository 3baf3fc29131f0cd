import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { median } from "./sdk-http-summary.js";
import { BENCH_DIR, REPO_ROOT } from "./repo-paths.js";

const run = promisify(execFile);

export const SDK_LOG_FIXTURE = join(BENCH_DIR, "fixtures", "sdk-log-cost.mjs");

export type LogLibrary = "pino" | "winston";
/** See bench/fixtures/sdk-log-cost.mjs: no SDK / correlation only / correlation + OTLP log export. */
export type LogMode = "plain" | "correlate" | "export";
export const LOG_MODES: readonly LogMode[] = ["plain", "correlate", "export"];

/** What one fixture process printed. */
export interface LogCostRun {
  library: LogLibrary;
  mode: LogMode;
  lines: number;
  /** one figure per timed round */
  nsPerLine: number[];
  /** the last line written carries a trace_id */
  correlated: boolean;
  sampleLine: string;
}

/** service.name the fixture gives the SDK in `mode`, to look its exported logs up in Skein. */
export function logServiceName(mode: LogMode): string {
  return `sdk-bench-log-${mode}`;
}

/** Runs the fixture once; rejects with its stderr when it fails or prints no result. */
export async function runLogCost(library: LogLibrary, mode: LogMode, lines: number, rounds: number, otlpHttpUrl: string): Promise<LogCostRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("OTEL_")) delete env[key];
  env.OTEL_EXPORTER_OTLP_ENDPOINT = otlpHttpUrl;
  try {
    const { stdout } = await run(process.execPath, [SDK_LOG_FIXTURE, library, mode, String(lines), String(rounds)], { cwd: REPO_ROOT, env, timeout: 120_000, maxBuffer: 1 << 20 });
    const last = stdout.trim().split("\n").pop() ?? "";
    return JSON.parse(last) as LogCostRun;
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`${SDK_LOG_FIXTURE} ${library} ${mode} failed: ${e.message}\n${e.stderr ?? ""}`);
  }
}

/** Per library and mode: the median ns/line over every timed round of every process. */
export function medianNsPerLine(runs: readonly LogCostRun[], library: LogLibrary, mode: LogMode): number {
  return median(runs.filter((r) => r.library === library && r.mode === mode).flatMap((r) => r.nsPerLine));
}

/**
 * Runs that contradict their mode: plain lines carrying a trace_id, or correlate/export lines
 * without one. Each is described for the result notes; an empty list means the modes held.
 */
export function correlationProblems(runs: readonly LogCostRun[]): string[] {
  return runs
    .filter((r) => r.correlated !== (r.mode !== "plain"))
    .map((r) => `${r.library} ${r.mode}: last line ${r.correlated ? "has" : "lacks"} a trace_id: ${r.sampleLine.slice(0, 200)}`);
}
