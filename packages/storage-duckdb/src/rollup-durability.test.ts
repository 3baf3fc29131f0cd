import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { killWriterAfter } from "./testdata/kill-writer-process.js";
import { collect } from "./testdata/temp-storage.js";

const ROLLUP_EPOCH_MS = 1_700_000_040_000; // as testdata/kill-rollup-writer.ts

it("acknowledged rollups and alert events survive SIGKILL of the writing process", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-kill-rollups-"));
  try {
    const acked = await killWriterAfter(dir, 5, "kill-rollup-writer.ts");
    const storage = new DuckDbStorage({ dataDir: dir });
    await storage.start();
    try {
      const range = { startUnixMs: ROLLUP_EPOCH_MS, endUnixMs: ROLLUP_EPOCH_MS + (acked + 1) * 60_000 };
      const cells = await collect(storage.metrics.reader.querySpanMetrics({ ...range, stepMs: 60_000, groupBy: {} }));
      const perMinute = new Map<number, number>();
      for (const c of cells) perMinute.set(c.windowStartUnixMs, (perMinute.get(c.windowStartUnixMs) ?? 0) + c.count);
      // Every acknowledged minute is complete: 50 series × 3 spans; a write is all or nothing.
      expect([...perMinute.values()]).toEqual(Array.from({ length: acked + 1 }, () => 150));
      const edges = await collect(storage.metrics.reader.queryServiceGraph(range));
      expect(edges.reduce((sum, e) => sum + e.count, 0)).toBe(3 * (acked + 1));
      const events = await collect(storage.alerts.findEvents({ limit: 1000 }));
      expect(events.map((e) => e.id)).toContain(`e${acked}`);
    } finally {
      await storage.shutdown();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
