import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Span } from "@skein/model";
import { compare, intrinsic } from "@skein/storage";
import type { Storage, TraceQuery } from "@skein/storage";
import { MemoryStorage, collect } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { makeSpan, resourceOf, spanId, traceId } from "./testdata/fixtures.js";

// Differential test of findTraces (including its pruning of candidate traces) against the memory
// adapter, the reference. Traces start early with non-matching roots and match late, so a
// trace's first matching span says little about its start.
let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const SERVICES = ["a", "b", "c", "d"];
const SPANS: Span[] = [];
for (let t = 1; t <= 60; t++) {
  const count = 1 + Math.floor(rand() * 5);
  for (let i = 0; i < count; i++) {
    const service = SERVICES[Math.floor(rand() * SERVICES.length)]!;
    const start = 1_000_000n + BigInt(Math.floor(rand() * 1000)) * 1000n;
    SPANS.push(
      makeSpan({
        traceId: traceId(t),
        spanId: spanId(i + 1),
        parentSpanId: i === 0 ? null : spanId(1),
        service,
        resource: resourceOf(service),
        name: `op${i % 3}`,
        startTimeUnixNano: start,
        endTimeUnixNano: start + BigInt(Math.floor(rand() * 5000)) * 1000n,
        status: { code: rand() < 0.2 ? 2 : 0, message: "" },
      }),
    );
  }
}

const QUERIES: TraceQuery[] = [
  { limit: 5 },
  { limit: 100 },
  { limit: 3, spanFilter: compare(intrinsic("service"), "=", "c") },
  { limit: 7, spanFilter: compare(intrinsic("name"), "=", "op2") },
  { limit: 4, spanFilter: compare(intrinsic("duration"), ">=", 3_000_000n) },
  { limit: 10, spanFilter: compare(intrinsic("status"), "=", "error"), startTimeMinUnixNano: 1_300_000n, startTimeMaxUnixNano: 1_700_000n },
  { limit: 1, spanFilter: compare(intrinsic("service"), "=", "nobody") },
  { limit: 0 },
];

describe("findTraces agrees with the reference adapter", () => {
  let dir: string;
  let duck: DuckDbStorage;
  let memory: Storage;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "skein-search-"));
    duck = new DuckDbStorage({ dataDir: dir });
    memory = new MemoryStorage();
    await Promise.all([duck.start(), memory.start()]);
    // Two writes, so spans of one trace land in different commits.
    const half = Math.floor(SPANS.length / 2);
    for (const part of [SPANS.slice(0, half), SPANS.slice(half)]) {
      await duck.traces.writer.writeSpans({ spans: part });
      await memory.traces.writer.writeSpans({ spans: part });
    }
  });
  afterAll(async () => {
    await Promise.all([duck.shutdown(), memory.shutdown()]);
    await rm(dir, { recursive: true, force: true });
  });

  it.each(QUERIES.map((q, i) => [i, q] as const))("query %i", async (_i, query) => {
    const expected = await collect(memory.traces.reader.findTraces(query));
    const got = await collect(duck.traces.reader.findTraces(query));
    expect(got).toEqual(expected);
    if (query.limit > 0 && query.spanFilter === undefined) expect(got.length).toBe(Math.min(60, query.limit));
  });
});
