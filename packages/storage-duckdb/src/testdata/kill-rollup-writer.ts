// Child process of rollup-durability.test.ts: writes rollups and alert events forever into the
// data dir given as argv[2], printing "ACK <batch>" right after each write is acknowledged. The
// parent kills it with SIGKILL; no shutdown, no checkpoint runs.
import { DuckDbStorage } from "../duckdb-storage.js";

/** Batch n writes minute ROLLUP_EPOCH_MS + n minutes (rollup-durability.test.ts reads them back). */
const ROLLUP_EPOCH_MS = 1_700_000_040_000;

const storage = new DuckDbStorage({ dataDir: process.argv[2]! });
await storage.start();
for (let batch = 0; ; batch++) {
  const minuteUnixMs = ROLLUP_EPOCH_MS + batch * 60_000;
  await storage.metrics.writer.writeRollups({
    spanMetrics: Array.from({ length: 50 }, (_, i) => ({ minuteUnixMs, service: `s${i}`, operation: "op", kind: 2, status: 0, buckets: [{ bucket: 100, count: 1 }, { bucket: 110, count: 2 }] })),
    serviceGraph: [{ minuteUnixMs, source: "a", sourceType: "service", target: "b", targetType: "database", failed: false, buckets: [{ bucket: 90, count: 3 }] }],
  });
  await storage.alerts.appendEvent({ id: `e${batch}`, ruleId: "r", timeUnixMs: minuteUnixMs, body: "{}" });
  process.stdout.write(`ACK ${batch}\n`);
}
