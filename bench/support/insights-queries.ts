import { HttpClient } from "./http-client.js";
import { bucketRows, rollupsForHour, SERVICE_PREFIX, type RollupPlan } from "./insights-rollups.js";
import { writeRollupsDirect, type RollupTarget } from "./insights-storage.js";
import { summarize, type LatencySummary } from "./latency.js";
import type { SkeinServer } from "./skein-process.js";

/** Query repetitions per call measured. */
export const QUERY_RUNS = 30;

/** What one engine answered over 24 h of rollups: through the API, and the adapter's read alone. */
export interface RollupQueryFigures {
  plan: RollupPlan;
  bucketRows: number;
  writeMs: number;
  adapterMs: { red: LatencySummary; serviceGraph: LatencySummary };
  apiMs: Record<"red" | "red1m" | "services" | "serviceMap", LatencySummary>;
}

/**
 * Writes 24 h of rollups through the target's adapter, times its reads in process, then starts
 * `skein start` on the same data (`startServer`) and times the RED, services and service-map
 * API calls over the whole 24 h.
 */
export async function measureRollupQueries(target: RollupTarget, seed: number, startServer: () => Promise<SkeinServer>): Promise<RollupQueryFigures> {
  const plan: RollupPlan = { services: 10, operationsPerService: 5, samplesPerSeriesMinute: 40, minutes: 24 * 60, startUnixMs: Math.floor(Date.now() / 60_000) * 60_000 - 24 * 60 * 60_000 };
  process.stderr.write(`  writing 24 h of rollups through the ${target.engine} adapter\n`);
  let rows = 0;
  const t0 = performance.now();
  const store = await writeRollupsDirect(target, 24, (hour) => {
    const rollups = rollupsForHour(plan, hour, seed);
    rows += bucketRows(rollups);
    return rollups;
  });
  const writeMs = performance.now() - t0;
  const start = plan.startUnixMs;
  const end = start + plan.minutes * 60_000;
  const service = `${SERVICE_PREFIX}3`;
  let adapterMs: RollupQueryFigures["adapterMs"];
  try {
    adapterMs = { red: await timeRuns(() => store.readRed(service, start, end, 15 * 60_000)), serviceGraph: await timeRuns(() => store.readServiceGraph(start, end)) };
  } finally {
    await store.close();
  }
  const server = await startServer();
  const http = new HttpClient(server.apiUrl, 1);
  const get = async (path: string): Promise<void> => {
    const response = await http.send("GET", path);
    if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${response.body.toString().slice(0, 300)}`);
  };
  const range = `start=${start}&end=${end}`;
  try {
    const apiMs = {
      red: await timeRuns(() => get(`/api/v1/metrics/red?service=${service}&${range}&step=15m`)),
      red1m: await timeRuns(() => get(`/api/v1/metrics/red?service=${service}&${range}&step=1m`)),
      services: await timeRuns(() => get(`/api/v1/metrics/services?${range}&step=30m`)),
      serviceMap: await timeRuns(() => get(`/api/v1/service-map?${range}`)),
    };
    return { plan, bucketRows: rows, writeMs, adapterMs, apiMs };
  } finally {
    await server.stop();
  }
}

async function timeRuns(run: () => Promise<unknown>): Promise<LatencySummary> {
  await run(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < QUERY_RUNS; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}
