import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LogRecord, Span } from "@skein/model";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { SCOPE, attrs, makeLog, makeSpan, resourceOf, spanId, traceId } from "./testdata/fixtures.js";

async function collect<T>(chunks: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of chunks) out.push(...chunk);
  return out;
}

const EVERY_TYPE = attrs({
  s: "text ' \" \\ \u0000 ✓ 𝄞",
  b: true,
  f: false,
  i: 42n,
  big: 9_223_372_036_854_775_807n,
  neg: -9_223_372_036_854_775_808n,
  d: 1.5,
  dInt: 2,
  negZero: -0,
  nan: Number.NaN,
  inf: Number.POSITIVE_INFINITY,
  bytes: new Uint8Array([0, 1, 254, 255]),
  arr: [1n, "two", 3.0, null, [true, new Uint8Array([7])], attrs({ k: 1n })],
  kv: attrs({ nested: attrs({ deep: [2.5, -1n] }), empty: null }),
  empty: null,
  "": "empty key",
  "a/b~c": "pointer chars",
  ["__proto__"]: "hostile key",
});

describe("DuckDbStorage round trip", () => {
  let dir: string;
  let storage: DuckDbStorage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "skein-duckdb-"));
    storage = new DuckDbStorage({ dataDir: join(dir, "nested", "data") });
    await storage.start();
  });
  afterEach(async () => {
    await storage.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps every field of a span exactly, across a restart", async () => {
    const resource = { attributes: attrs({ "service.name": "pay", host: "h1", n: 3n }), droppedAttributesCount: 2, schemaUrl: "https://s/1" };
    const scope = { name: "lib", version: "9", attributes: attrs({ x: 1.25 }), droppedAttributesCount: 1, schemaUrl: "https://s/2" };
    const span: Span = makeSpan({
      traceId: traceId(7),
      spanId: spanId(9),
      parentSpanId: spanId(3),
      traceState: "k=v",
      flags: 0x301,
      kind: 5,
      startTimeUnixNano: 18_446_744_073_709_551_615n,
      endTimeUnixNano: 5n, // skewed clock: end before start, both kept
      attributes: EVERY_TYPE,
      droppedAttributesCount: 4,
      events: [{ timeUnixNano: 12_345_678_901_234_567_891n, name: "exception", attributes: attrs({ "exception.message": "boom" }), droppedAttributesCount: 1 }],
      droppedEventsCount: 5,
      links: [{ traceId: traceId(8), spanId: spanId(2), traceState: "a=b", attributes: attrs({ l: 1n }), droppedAttributesCount: 6, flags: 1 }],
      droppedLinksCount: 7,
      status: { code: 2, message: "failed" },
      resource,
      scope,
      service: "pay",
      sampleWeight: 12.5,
    });
    await storage.traces.writer.writeSpans({ spans: [span] });
    await storage.shutdown();
    storage = new DuckDbStorage({ dataDir: join(dir, "nested", "data") });
    await storage.start();
    const got = await collect(storage.traces.reader.getTrace(traceId(7)));
    expect(got).toEqual([span]);
    expect(Object.is((got[0]!.attributes["negZero"] as number), -0)).toBe(true);
    expect(Object.getPrototypeOf(got[0]!.attributes)).toBe(null);
    expect(Object.keys(got[0]!.attributes)).toEqual(Object.keys(EVERY_TYPE));
  });

  it("keeps every field of a log record exactly", async () => {
    const logs: LogRecord[] = [
      makeLog({ body: attrs({ msg: "structured", n: 1n }), attributes: EVERY_TYPE, traceId: traceId(1), spanId: spanId(1), flags: 1, eventName: "ev", droppedAttributesCount: 3, severityNumber: 17, severityText: "ERROR", timeUnixNano: 2n }),
      makeLog({ body: null, timeUnixNano: 1n }),
      makeLog({ body: "plain", timeUnixNano: 0n, resource: resourceOf("other"), service: "other", scope: SCOPE }),
      makeLog({ body: new Uint8Array([1, 2]), timeUnixNano: 3n }),
    ];
    await storage.logs.writer.writeLogs({ logs });
    const got = await collect(storage.logs.reader.findLogs({ limit: 10 }));
    expect(got).toEqual([logs[3], logs[0], logs[1], logs[2]]);
  });

  it("shares one resource object between the spans of a read", async () => {
    const resource = resourceOf("svc");
    const spans = [1, 2, 3].map((n) => makeSpan({ spanId: spanId(n), resource, service: "svc" }));
    await storage.traces.writer.writeSpans({ spans });
    const got = await collect(storage.traces.reader.getTrace(traceId(1)));
    expect(got).toHaveLength(3);
    expect(got[0]!.resource).toBe(got[2]!.resource);
  });

  it("reports the file size and nothing for an unknown trace", async () => {
    await storage.traces.writer.writeSpans({ spans: [makeSpan()] });
    expect(await storage.sizeBytes()).toBeGreaterThan(0);
    expect(await collect(storage.traces.reader.getTrace(traceId(99)))).toEqual([]);
  });
});
