import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resourceFragment, spanLine } from "./clickhouse-insert-baseline.js";
import { CLICKHOUSE_DATA_SET } from "./data-set-location.js";
import { SpanGenerator } from "./span-generator.js";

/** Column names of the adapter's spans DDL: `  name  Type,` lines inside CREATE TABLE. */
function ddlColumns(): string[] {
  const ddl = readFileSync(join(CLICKHOUSE_DATA_SET.schemaDir, "001-spans.sql"), "utf8");
  return [...ddl.matchAll(/^\s+([a-z_]+)\s+[A-Z][A-Za-z0-9]*(?:\([A-Za-z0-9]+\))?,?\s*$/gm)].map((m) => m[1]!);
}

describe("bare ClickHouse insert baseline rows", () => {
  const gen = new SpanGenerator({ seed: 3, baseTimeNs: 1_800_000_000_000_000_000n, windowNs: 60_000_000_000n, plannedSpans: 200 });
  const spans = gen.nextBatch(200).spans;
  const lines = spans.map((s, i) => spanLine(s, resourceFragment(gen.resourceOf(s.service).attributes), i));

  it("writes one valid JSON object per span, every key a column of the adapter's spans table", () => {
    const columns = ddlColumns();
    expect(columns).toContain("attr_values");
    for (const text of lines) for (const key of Object.keys(JSON.parse(text) as object)) expect(columns).toContain(key);
  });

  it("stores ids as big-endian UInt64 halves and the attributes as parallel arrays", () => {
    const s = spans.find((x) => x.parentSpanId !== null)!;
    const row = JSON.parse(lines[spans.indexOf(s)]!) as Record<string, unknown>;
    const hex = Buffer.from(s.traceId).toString("hex");
    expect(row["trace_id_hi"]).toBe(BigInt(`0x${hex.slice(0, 16)}`).toString());
    expect(row["trace_id_lo"]).toBe(BigInt(`0x${hex.slice(16)}`).toString());
    expect(row["parent_span_id"]).toBe(BigInt(`0x${Buffer.from(s.parentSpanId!).toString("hex")}`).toString());
    expect(row["duration_ns"]).toBe((s.endNs - s.startNs).toString());
    expect(row["attr_keys"]).toEqual(s.attributes.map((a) => a.key));
    expect(row["attr_values"]).toEqual(s.attributes.map((a) => String(a.value)));
    expect((row["attr_types"] as number[]).length).toBe(s.attributes.length);
  });
});
