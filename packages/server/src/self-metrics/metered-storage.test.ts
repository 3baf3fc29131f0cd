import type { LogBatch, SpanBatch } from "@skein/model";
import type { Storage } from "@skein/storage";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { MeteredStorage } from "./metered-storage.js";

/** A storage whose writers succeed or fail on demand and whose size the test sets. */
function fakeStorage() {
  const calls: string[] = [];
  const state = { failLogs: false, size: 12345, started: false };
  const reader = { getTrace: () => [] } as unknown as Storage["traces"]["reader"];
  const storage: Storage = {
    kind: "fake",
    capabilities: { attributeFilters: true },
    traces: { reader, writer: { writeSpans: async (batch: SpanBatch) => void calls.push(`spans:${batch.spans.length}`) } },
    logs: {
      reader: {} as Storage["logs"]["reader"],
      writer: {
        writeLogs: async (batch: LogBatch) => {
          if (state.failLogs) throw new Error("disk full");
          calls.push(`logs:${batch.logs.length}`);
        },
      },
    },
    start: async () => void (state.started = true),
    shutdown: async () => void (state.started = false),
    sizeBytes: async () => {
      if (!state.started) throw new Error("closed");
      return state.size;
    },
    deleteBefore: async (cutoff: bigint) => {
      calls.push(`retention:${cutoff}`);
      return { removedBeforeUnixNano: cutoff - 1n };
    },
  };
  return { storage, calls, state };
}

/** The value of one sample line, e.g. `name{signal="traces"}`, from the text exposition. */
async function sample(registry: Registry, series: string): Promise<number | undefined> {
  const line = (await registry.metrics()).split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("MeteredStorage", () => {
  it("times every commit by signal and counts failures, passing results through", async () => {
    const { storage, calls, state } = fakeStorage();
    const registry = new Registry();
    const metered = new MeteredStorage(storage, registry);
    await metered.traces.writer.writeSpans({ spans: [] });
    await metered.traces.writer.writeSpans({ spans: [] });
    await metered.logs.writer.writeLogs({ logs: [] });
    state.failLogs = true;
    await expect(metered.logs.writer.writeLogs({ logs: [] })).rejects.toThrow("disk full");

    expect(calls).toEqual(["spans:0", "spans:0", "logs:0"]);
    expect(await sample(registry, 'skein_storage_commit_duration_seconds_count{signal="traces"}')).toBe(2);
    expect(await sample(registry, 'skein_storage_commit_duration_seconds_count{signal="logs"}')).toBe(2);
    expect(await sample(registry, 'skein_storage_commit_failures_total{signal="logs"}')).toBe(1);
    expect(await sample(registry, 'skein_storage_commit_failures_total{signal="traces"}')).toBeUndefined();
  });

  it("does not count a write the client aborted as a storage failure", async () => {
    const { storage, state } = fakeStorage();
    const registry = new Registry();
    const metered = new MeteredStorage(storage, registry);
    state.failLogs = true;
    const gone = new AbortController();
    gone.abort(new Error("client closed the connection"));
    await expect(metered.logs.writer.writeLogs({ logs: [] }, gone.signal)).rejects.toThrow("disk full");
    expect(await sample(registry, 'skein_storage_commit_failures_total{signal="logs"}')).toBeUndefined();
    await expect(metered.logs.writer.writeLogs({ logs: [] })).rejects.toThrow("disk full");
    expect(await sample(registry, 'skein_storage_commit_failures_total{signal="logs"}')).toBe(1);
  });

  it("reports sizeBytes at scrape time once started", async () => {
    const { storage, state } = fakeStorage();
    const registry = new Registry();
    const metered = new MeteredStorage(storage, registry);
    expect(await sample(registry, "skein_storage_bytes")).toBe(0);
    await metered.start();
    expect(await sample(registry, "skein_storage_bytes")).toBe(12345);
    state.size = 99999;
    expect(await sample(registry, "skein_storage_bytes")).toBe(99999);
    await metered.shutdown();
    expect(state.started).toBe(false);
  });

  it("answers a scrape within ~1 s while sizeBytes hangs (ClickHouse stopped), with the backlog and the last known size", async () => {
    const { storage, state } = fakeStorage();
    const hang = { on: false, calls: 0 };
    let release: (bytes: number) => void = () => {};
    const registry = new Registry();
    const backlog = { writes: 7, bytes: 8192 };
    const metered = new MeteredStorage(
      {
        ...storage,
        backlog: () => backlog,
        sizeBytes: () => {
          hang.calls++;
          return hang.on ? new Promise<number>((resolve) => (release = resolve)) : storage.sizeBytes();
        },
      },
      registry,
    );
    await metered.start();
    expect(await sample(registry, "skein_storage_bytes")).toBe(12345);

    hang.on = true;
    for (let scrape = 0; scrape < 2; scrape++) {
      const started = Date.now();
      const text = await registry.metrics();
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(text).toMatch(/^skein_storage_backlog_writes 7$/m);
      expect(text).toMatch(/^skein_storage_backlog_bytes 8192$/m);
      expect(text).toMatch(/^skein_storage_bytes 12345$/m);
    }
    // One read in flight, whatever the number of scrapes; its late answer is what the next scrape shows
    // (that scrape's own read hangs again).
    expect(hang.calls).toBe(2);
    release(54321);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await sample(registry, "skein_storage_bytes")).toBe(54321);
    expect(hang.calls).toBe(3);
    expect(state.size).toBe(12345);
  }, 10_000);

  it("reports the adapter's backlog (ClickHouse's spool) when it has one, and nothing otherwise", async () => {
    const { storage } = fakeStorage();
    const backlog = { writes: 3, bytes: 4096 };
    const registry = new Registry();
    new MeteredStorage({ ...storage, backlog: () => backlog }, registry);
    expect(await sample(registry, "skein_storage_backlog_writes")).toBe(3);
    expect(await sample(registry, "skein_storage_backlog_bytes")).toBe(4096);
    backlog.writes = 0;
    backlog.bytes = 0;
    expect(await sample(registry, "skein_storage_backlog_bytes")).toBe(0);
    const without = new Registry();
    new MeteredStorage(storage, without);
    expect(await sample(without, "skein_storage_backlog_bytes")).toBeUndefined();
  });

  it("passes retention through with its result", async () => {
    const { storage, calls } = fakeStorage();
    const metered = new MeteredStorage(storage, new Registry());
    expect(await metered.deleteBefore(100n)).toEqual({ removedBeforeUnixNano: 99n });
    expect(calls).toEqual(["retention:100"]);
  });

  it("passes kind, capabilities and readers through", () => {
    const { storage } = fakeStorage();
    const metered = new MeteredStorage(storage, new Registry());
    expect(metered.kind).toBe("fake");
    expect(metered.capabilities).toEqual({ attributeFilters: true });
    expect(metered.traces.reader).toBe(storage.traces.reader);
    expect(metered.logs.reader).toBe(storage.logs.reader);
  });
});
