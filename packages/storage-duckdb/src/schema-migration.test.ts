import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { expect, it } from "vitest";
import { appendRows } from "./appender-commit.js";
import { DATABASE_FILE } from "./duckdb-database.js";
import { appendLogRow } from "./log-row.js";
import { makeLog } from "./testdata/fixtures.js";
import { readSqlFile } from "./schema.js";
import { collect, withStorage } from "./testdata/temp-storage.js";

/** The schema files of the release before issue 6 (no rollup or alert tables). */
const OLD_SCHEMA = ["spans.sql", "trace-index.sql", "logs.sql", "span-log-state.sql"] as const;

it("a data dir created before the rollup and alert tables gains them at start, keeping its data", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-migrate-"));
  try {
    const instance = await DuckDBInstance.create(join(dir, DATABASE_FILE));
    const connection = await instance.connect();
    for (const name of OLD_SCHEMA) await connection.run(await readSqlFile(name));
    await appendRows(connection, "logs", [makeLog({ body: "old record" })], appendLogRow);
    const before = (await connection.runAndReadAll("SELECT table_name FROM duckdb_tables() ORDER BY 1")).getRows().flat();
    expect(before).not.toContain("span_metrics");
    connection.closeSync();
    instance.closeSync();

    await withStorage(async (storage) => {
      expect((await collect(storage.logs.reader.findLogs({ limit: 10 }))).map((l) => l.body)).toEqual(["old record"]);
      await storage.metrics.writer.writeRollups({
        spanMetrics: [{ minuteUnixMs: 60_000, service: "cart", operation: "op", kind: 2, status: 2, buckets: [{ bucket: 3, count: 1 }] }],
        serviceGraph: [{ minuteUnixMs: 60_000, source: "a", sourceType: "service", target: "b", targetType: "queue", failed: true, buckets: [{ bucket: 3, count: 1 }] }],
      });
      await storage.alerts.putRule({ id: "r", updatedAtUnixMs: 1, body: "{}" });
      await storage.alerts.appendEvent({ id: "e", ruleId: "r", timeUnixMs: 1, body: "{}" });
      const cells = await collect(storage.metrics.reader.querySpanMetrics({ startUnixMs: 0, endUnixMs: 120_000, stepMs: 60_000, groupBy: { service: true } }));
      expect(cells).toEqual([{ windowStartUnixMs: 60_000, service: "cart", operation: null, kind: null, error: true, bucket: 3, count: 1 }]);
      expect((await collect(storage.metrics.reader.queryServiceGraph({ startUnixMs: 0, endUnixMs: 120_000 }))).map((c) => c.targetType)).toEqual(["queue"]);
      expect((await storage.alerts.listRules()).map((r) => r.id)).toEqual(["r"]);
    }, dir);
    // Opening again (tables now present) is a no-op for the schema and keeps what was written.
    await withStorage(async (storage) => {
      expect((await collect(storage.alerts.findEvents({ limit: 10 }))).map((e) => e.id)).toEqual(["e"]);
    }, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
