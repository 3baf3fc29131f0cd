import { describe, expect, it } from "vitest";
import { clickhouseSearchSql } from "./clickhouse-search-sql.js";
import { traceIndexSql, traceSpansSql } from "./clickhouse-trace-lookup.js";

const ID = "0000000000000002000000000000000a";

describe("ClickHouse baseline SQL", () => {
  it("looks a trace up in trace_index by its two id halves", () => {
    expect(traceIndexSql(ID, "db")).toBe(`SELECT day, service, name, min(start_min) AS lo, max(start_max) AS hi FROM db.trace_index
WHERE trace_id_hi = 2 AND trace_id_lo = 10 GROUP BY day, service, name`);
  });

  it("reads the spans inside the index rows' partition and sort-key ranges", () => {
    const sql = traceSpansSql(ID, [
      { day: "2026-11-24", service: "cart", name: "GET", lo: "5", hi: "9" },
      { day: "2026-11-24", service: "o'hare", name: "x", lo: "7", hi: "7" },
    ], "db");
    expect(sql).toBe(
      "SELECT * FROM db.spans WHERE trace_id_hi = 2 AND trace_id_lo = 10 AND (" +
        "(day = '2026-11-24' AND service = 'cart' AND name = 'GET' AND start_ns >= 5 AND start_ns <= 9) OR " +
        "(day = '2026-11-24' AND service = 'o\\'hare' AND name = 'x' AND start_ns >= 7 AND start_ns <= 7))",
    );
    expect(traceSpansSql(ID, [], "db")).toBeUndefined();
  });

  it("searches by service and minimum duration like DuckDB's aggregate", () => {
    expect(clickhouseSearchSql({ label: "x", path: "/", service: "cart", minDurationNs: 50_000_000n, startNs: 1n, endNs: 2n }, "db")).toBe(`SELECT trace_id_hi, trace_id_lo, max(start_ns) AS latest FROM db.spans
WHERE service = 'cart' AND duration_ns >= 50000000 AND start_ns >= 1 AND start_ns <= 2
GROUP BY trace_id_hi, trace_id_lo ORDER BY latest DESC, trace_id_hi, trace_id_lo LIMIT 20`);
  });

  it("searches the attribute as an INT in the parallel arrays", () => {
    const sql = clickhouseSearchSql({ label: "x", path: "/", startNs: 1n, endNs: 2n }, "db");
    expect(sql).toContain("WHERE attr_types[indexOf(attr_keys, 'http.response.status_code')] = 3 AND attr_values[indexOf(attr_keys, 'http.response.status_code')] = '500' AND start_ns >= 1");
  });
});
