// Child process of durability.test.ts: writes batches of spans forever into the data dir given as
// argv[2], printing "ACK <batch>" on stdout right after each write is acknowledged. The parent
// kills it with SIGKILL; no shutdown, no checkpoint runs.
import { DuckDbStorage } from "../duckdb-storage.js";
import { makeSpan, spanId, traceId } from "./fixtures.js";

const storage = new DuckDbStorage({ dataDir: process.argv[2]! });
await storage.start();
for (let batch = 0; ; batch++) {
  const spans = Array.from({ length: 100 }, (_, i) => makeSpan({ traceId: traceId(batch % 256), spanId: spanId(i), name: `b${batch}` }));
  await storage.traces.writer.writeSpans({ spans });
  process.stdout.write(`ACK ${batch}\n`);
}
