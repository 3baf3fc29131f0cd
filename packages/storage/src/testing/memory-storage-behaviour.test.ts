import { describe, expect, it } from "vitest";
import { InvalidFilterError, StorageClosedError } from "../errors.js";
import { compare, intrinsic } from "../filter.js";
import { collect, makeLog, makeSpan, spanIdOf, traceIdOf } from "./fixtures.js";
import { MemoryStorage, memoryStorageAdapter } from "./memory-storage.js";

async function started(): Promise<MemoryStorage> {
  const storage = new MemoryStorage();
  await storage.start();
  return storage;
}

/** What the conformance suite leaves to each adapter: chunk sizes, copies, aborts, restart. */
describe("MemoryStorage specifics", () => {
  it("streams in chunks of at most 1000", async () => {
    const storage = await started();
    await storage.traces.writer.writeSpans({ spans: Array.from({ length: 2_500 }, (_, i) => makeSpan({ traceId: traceIdOf(1), spanId: spanIdOf(i + 1) })) });
    const sizes: number[] = [];
    for await (const chunk of storage.traces.reader.getTrace(traceIdOf(1))) sizes.push(chunk.length);
    expect(sizes).toEqual([1000, 1000, 500]);
    await storage.logs.writer.writeLogs({ logs: Array.from({ length: 1_001 }, () => makeLog()) });
    const logSizes: number[] = [];
    for await (const chunk of storage.logs.reader.findLogs({ limit: 5_000 })) logSizes.push(chunk.length);
    expect(logSizes).toEqual([1000, 1]);
  });

  it("keeps private copies: mutating what was written or read changes nothing stored", async () => {
    const storage = await started();
    const span = makeSpan({ traceId: traceIdOf(1), name: "original" });
    await storage.traces.writer.writeSpans({ spans: [span] });
    span.name = "mutated after write";
    span.resource.attributes["service.name"] = "mutated";
    const [read] = await collect(storage.traces.reader.getTrace(traceIdOf(1)));
    read!.name = "mutated after read";
    read!.traceId[0] = 0;
    const [again] = await collect(storage.traces.reader.getTrace(traceIdOf(1)));
    expect(again!.name).toBe("original");
    expect(again!.resource.attributes["service.name"]).toBe("test-service");
    expect(again!.traceId).toEqual(traceIdOf(1));
  });

  it("stops streaming when the signal aborts", async () => {
    const storage = await started();
    await storage.traces.writer.writeSpans({ spans: Array.from({ length: 1_500 }, (_, i) => makeSpan({ spanId: spanIdOf(i + 1) })) });
    const controller = new AbortController();
    const chunks: number[] = [];
    const reading = (async () => {
      for await (const chunk of storage.traces.reader.getTrace(traceIdOf(1), controller.signal)) {
        chunks.push(chunk.length);
        controller.abort(new Error("caller gave up"));
      }
    })();
    await expect(reading).rejects.toThrow("caller gave up");
    expect(chunks).toEqual([1000]);
    await expect(storage.traces.writer.writeSpans({ spans: [makeSpan()] }, controller.signal)).rejects.toThrow("caller gave up");
  });

  it("refuses an invalid filter with InvalidFilterError", async () => {
    const storage = await started();
    await expect(collect(storage.traces.reader.findTraces({ limit: 1, spanFilter: compare(intrinsic("duration"), ">", "1s") }))).rejects.toBeInstanceOf(InvalidFilterError);
  });

  it("is unusable before start and cannot be restarted after shutdown", async () => {
    const storage = new MemoryStorage();
    await expect(storage.traces.reader.getServices()).rejects.toBeInstanceOf(StorageClosedError);
    await expect(storage.sizeBytes()).rejects.toBeInstanceOf(StorageClosedError);
    await storage.start();
    await storage.start();
    await storage.shutdown();
    await expect(storage.start()).rejects.toBeInstanceOf(StorageClosedError);
  });

  it("estimates a size that grows with data; the adapter creates independent stores", async () => {
    const storage = memoryStorageAdapter.create();
    await storage.start();
    expect(storage.kind).toBe("memory");
    const empty = await storage.sizeBytes();
    await storage.traces.writer.writeSpans({ spans: [makeSpan()] });
    expect(await storage.sizeBytes()).toBeGreaterThan(empty);
    const other = memoryStorageAdapter.create();
    await other.start();
    expect(await other.traces.reader.getServices()).toEqual([]);
  });
});
