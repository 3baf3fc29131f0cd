import { SpanKind } from "@skein/model";
import { BASE_TIME_NANO, makeLog, makeSpan, traceIdOf } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { encodeLogWrite, encodeSpanWrite, newIngestId } from "./encoded-write.js";
import { traceIdHalves } from "./id-columns.js";

const DAY = 86_400_000_000_000n;
const lines = (body: string) => body.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Record<string, unknown>);

describe("encoded writes", () => {
  it("span rows carry the ingest id and their index; days bound the write", () => {
    const spans = [
      makeSpan({ startTimeUnixNano: BASE_TIME_NANO }),
      makeSpan({ startTimeUnixNano: BASE_TIME_NANO - 3n * DAY }),
      makeSpan({ startTimeUnixNano: BASE_TIME_NANO + DAY }),
    ];
    const write = encodeSpanWrite(spans, 12345678901234567n);
    expect(write).toMatchObject({ signal: "spans", ingestId: 12345678901234567n, rows: 3, minDay: "2023-11-11", maxDay: "2023-11-15" });
    expect(write.main.table).toBe("spans");
    expect(write.main.body.endsWith("\n")).toBe(true);
    const rows = lines(write.main.body);
    expect(rows.map((r) => [r["day"], r["ingest_id"], r["ingest_row"]])).toEqual([
      ["2023-11-14", "12345678901234567", 0],
      ["2023-11-11", "12345678901234567", 1],
      ["2023-11-15", "12345678901234567", 2],
    ]);
    expect(rows[0]!["duration_ns"]).toBe("1000000");
    expect(rows[0]!["start_ns"]).toBe(BASE_TIME_NANO.toString());
  });

  it("one trace_index row per trace, service, name and day with the start range; one operations row per day, service, name and kind", () => {
    const t = traceIdOf(7);
    const spans = [
      makeSpan({ traceId: t, service: "api", name: "GET", startTimeUnixNano: BASE_TIME_NANO + 5n }),
      makeSpan({ traceId: t, service: "api", name: "GET", startTimeUnixNano: BASE_TIME_NANO + 1n }),
      makeSpan({ traceId: t, service: "api", name: "GET", startTimeUnixNano: BASE_TIME_NANO + 9n, kind: SpanKind.CLIENT }),
      makeSpan({ traceId: t, service: "db", name: "SELECT", startTimeUnixNano: BASE_TIME_NANO }),
      makeSpan({ traceId: traceIdOf(8), service: "api", name: "GET", startTimeUnixNano: BASE_TIME_NANO }),
    ];
    const write = encodeSpanWrite(spans, 1n);
    expect(write.side.map((s) => s.table)).toEqual(["trace_index", "operations"]);
    const [hi, lo] = traceIdHalves(t);
    const index = lines(write.side[0]!.body);
    expect(index).toHaveLength(3);
    expect(index[0]).toEqual({ day: "2023-11-14", trace_id_hi: hi.toString(), trace_id_lo: lo.toString(), service: "api", name: "GET", start_min: (BASE_TIME_NANO + 1n).toString(), start_max: (BASE_TIME_NANO + 9n).toString() });
    expect(index[1]).toMatchObject({ service: "db", name: "SELECT" });
    expect(lines(write.side[1]!.body)).toEqual([
      { day: "2023-11-14", service: "api", name: "GET", kind: SpanKind.SERVER },
      { day: "2023-11-14", service: "api", name: "GET", kind: SpanKind.CLIENT },
      { day: "2023-11-14", service: "db", name: "SELECT", kind: SpanKind.SERVER },
    ]);
  });

  it("strings are well-formed everywhere, so 18.16's JSON parser takes them", () => {
    const write = encodeSpanWrite([makeSpan({ service: "svc\ud800", name: "n\udfff" })], 1n);
    const wellFormed = (v: unknown): boolean =>
      typeof v === "string" ? (v as unknown as { isWellFormed(): boolean }).isWellFormed() : Array.isArray(v) ? v.every(wellFormed) : true;
    for (const body of [write.main.body, ...write.side.map((s) => s.body)]) {
      for (const row of lines(body)) expect(Object.values(row).every(wellFormed)).toBe(true);
      expect(body).toContain("svc\ufffd");
    }
  });

  it("times beyond the Date range go to the last day 18.16 holds; time 0 to 1970-01-01", () => {
    const far = encodeSpanWrite([makeSpan({ startTimeUnixNano: 18_000_000_000_000_000_000n })], 1n);
    expect(far.maxDay).toBe("2105-12-31");
    expect(encodeSpanWrite([makeSpan({ startTimeUnixNano: 0n })], 1n).minDay).toBe("1970-01-01");
  });

  it("a log's day is its time, or its observed time when it has none", () => {
    const write = encodeLogWrite([makeLog({ timeUnixNano: 0n, observedTimeUnixNano: BASE_TIME_NANO }), makeLog({ timeUnixNano: BASE_TIME_NANO - DAY })], 9n);
    expect(write).toMatchObject({ signal: "logs", rows: 2, side: [], minDay: "2023-11-13", maxDay: "2023-11-14" });
    expect(lines(write.main.body).map((r) => [r["day"], r["ingest_row"]])).toEqual([["2023-11-14", 0], ["2023-11-13", 1]]);
  });

  it("an empty write has no rows", () => {
    expect(encodeSpanWrite([], 1n)).toMatchObject({ rows: 0, main: { body: "" }, side: [], minDay: "1970-01-01", maxDay: "1970-01-01" });
  });

  it("ingest ids are random, positive 63-bit values", () => {
    const ids = new Set(Array.from({ length: 1_000 }, newIngestId));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(id > 0n && id < 2n ** 63n).toBe(true);
  });
});
