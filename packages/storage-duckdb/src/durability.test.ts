import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { traceId } from "./testdata/fixtures.js";
import { killWriterAfter } from "./testdata/kill-writer-process.js";

it("an acknowledged write survives SIGKILL of the writing process", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-kill-"));
  try {
    const acked = await killWriterAfter(dir, 5); // right after an acknowledged write, mid-stream of more writes
    const storage = new DuckDbStorage({ dataDir: dir });
    await storage.start();
    try {
      let count = 0;
      const names = new Set<string>();
      for await (const chunk of storage.traces.reader.getTrace(traceId(acked))) {
        count += chunk.length;
        for (const s of chunk) names.add(s.name);
      }
      expect(names.has(`b${acked}`)).toBe(true);
      expect(count).toBeGreaterThanOrEqual(100);
    } finally {
      await storage.shutdown();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
