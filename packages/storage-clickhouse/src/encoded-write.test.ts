import { SpanKind, StatusCode } from "@skein/model";
import { BASE_TIME_NANO, attrs, makeLog, makeSpan, traceIdOf } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { ROW_COLUMNS, encodeLogWrite, encodeSpanWrite, mainRowKeys, newIngestId } from "./encoded-write.js";
import type { EncodedWrite } from "./encoded-write.js";
import { traceIdHalves } from "./id-columns.js";
import { INSERT_FORMAT } from "./insert-format.js";
import type { TableName } from "./table-names.js";
import { tsvStringValue } from "./tsv-text.js";

const DAY = 86_400_000_000_000n;

/** The rows of a body as records of their fields' texts: column names from ROW_COLUMNS, scalar strings unescaped, numbers as decimal text. */
function lines(body: string, table: TableName): Record<string, string>[] {
  const columns = ROW_COLUMNS[table];
  return body.split("\n").filter((l) => l !== "").map((line) => {
    const fields = line.split("\t");
    expect(fields).toHaveLength(columns.length);
    return Object.fromEntries(columns.map((c, i) => [c, fields[i]!.startsWith("[") ? fields[i]! : tsvStringValue(fields[i]!)]));
  });
}

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
    const rows = lines(write.main.body, "spans");
    expect(rows.map((r) => [r["day"], r["ingest_id"], r["ingest_row"]])).toEqual([
      ["2023-11-14", "12345678901234567", "0"],
      ["2023-11-11", "12345678901234567", "1"],
      ["2023-11-15", "12345678901234567", "2"],
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
    const index = lines(write.side[0]!.body, "trace_index");
    expect(index).toHaveLength(3);
    expect(index[0]).toEqual({ day: "2023-11-14", trace_id_hi: hi.toString(), trace_id_lo: lo.toString(), service: "api", name: "GET", start_min: (BASE_TIME_NANO + 1n).toString(), start_max: (BASE_TIME_NANO + 9n).toString() });
    expect(index[1]).toMatchObject({ service: "db", name: "SELECT" });
    expect(lines(write.side[1]!.body, "operations")).toEqual([
      { day: "2023-11-14", service: "api", name: "GET", kind: String(SpanKind.SERVER) },
      { day: "2023-11-14", service: "api", name: "GET", kind: String(SpanKind.CLIENT) },
      { day: "2023-11-14", service: "db", name: "SELECT", kind: String(SpanKind.SERVER) },
    ]);
  });

  it("strings are well-formed everywhere: lone surrogates become U+FFFD, as ClickHouse stores them", () => {
    const write = encodeSpanWrite([makeSpan({ service: "svc\ud800", name: "n\udfff" })], 1n);
    for (const part of [write.main, ...write.side]) {
      expect((part.body as unknown as { isWellFormed(): boolean }).isWellFormed()).toBe(true);
      for (const row of lines(part.body, part.table)) expect([row["service"], row["name"]]).toEqual(["svc\ufffd", "n\ufffd"]);
    }
  });

  it("rows are TabSeparated lines, one per row, whatever the strings hold", () => {
    expect(INSERT_FORMAT).toBe("TabSeparated");
    const hostile = ["a\tb", "c\nd", "e\r\nf", "\\N", "g\u0000h", "'", "[x]", "a,b"];
    const spans = hostile.map((s, i) => makeSpan({ traceId: traceIdOf(i + 1), service: s, name: s, status: { code: StatusCode.ERROR, message: s }, attributes: attrs({ [s]: s }) }));
    const write = encodeSpanWrite(spans, 3n);
    expect(write.main.body.split("\n")).toHaveLength(hostile.length + 1);
    const rows = lines(write.main.body, "spans");
    expect(rows.map((r) => [r["service"], r["name"], r["status_message"]])).toEqual(hostile.map((s) => [s, s, s]));
    expect(lines(write.side[0]!.body, "trace_index").map((r) => r["service"])).toEqual(hostile);
    const logs = encodeLogWrite(hostile.map((s) => makeLog({ service: s, body: s, severityText: s })), 4n);
    expect(lines(logs.main.body, "logs").map((r) => [r["service"], r["body_text"], r["severity_text"]])).toEqual(hostile.map((s) => [s, s, s]));
  });

  it("mainRowKeys reads back each main row's service, name and time (what a dedup query narrows by)", () => {
    const spans = [makeSpan({ service: "a\tb'c\\", name: "n\nm", startTimeUnixNano: 18_446_744_073_709_551_615n }), makeSpan({ service: "\ud800", name: "", startTimeUnixNano: 0n })];
    expect(mainRowKeys(encodeSpanWrite(spans, 5n))).toEqual([
      { service: "a\tb'c\\", name: "n\nm", time: 18_446_744_073_709_551_615n },
      { service: "\ufffd", name: "", time: 0n },
    ]);
    const logs = encodeLogWrite([makeLog({ service: "s\u0000", timeUnixNano: 0n, observedTimeUnixNano: 7n }), makeLog({ service: "t", timeUnixNano: 9n })], 6n);
    expect(mainRowKeys(logs)).toEqual([{ service: "s\u0000", name: "", time: 0n }, { service: "t", name: "", time: 9n }]);
    expect(mainRowKeys(encodeSpanWrite([], 7n))).toEqual([]);
    const json: EncodedWrite = { ...logs, main: { table: "logs", body: '{"service":"s","time_ns":"1"}\n' } };
    expect(() => mainRowKeys(json)).toThrow(/not a TabSeparated row/);
  });

  it("times beyond the Date range go to the last day 18.16 holds; time 0 to 1970-01-01", () => {
    const far = encodeSpanWrite([makeSpan({ startTimeUnixNano: 18_000_000_000_000_000_000n })], 1n);
    expect(far.maxDay).toBe("2105-12-31");
    expect(encodeSpanWrite([makeSpan({ startTimeUnixNano: 0n })], 1n).minDay).toBe("1970-01-01");
  });

  it("a log's day is its time, or its observed time when it has none", () => {
    const write = encodeLogWrite([makeLog({ timeUnixNano: 0n, observedTimeUnixNano: BASE_TIME_NANO }), makeLog({ timeUnixNano: BASE_TIME_NANO - DAY })], 9n);
    expect(write).toMatchObject({ signal: "logs", rows: 2, side: [], minDay: "2023-11-13", maxDay: "2023-11-14" });
    expect(lines(write.main.body, "logs").map((r) => [r["day"], r["ingest_row"]])).toEqual([["2023-11-14", "0"], ["2023-11-13", "1"]]);
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
