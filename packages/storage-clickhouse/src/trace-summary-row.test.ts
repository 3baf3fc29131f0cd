import { traceIdOf } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { traceIdHalves } from "./id-columns.js";
import { summaryFromRow } from "./trace-summary-row.js";

describe("summaryFromRow", () => {
  const [hi, lo] = traceIdHalves(traceIdOf(7));
  const row = {
    trace_id_hi: hi.toString(),
    trace_id_lo: lo.toString(),
    start_ns: "1700000000123456789",
    end_ns: "1700000000123457789",
    span_count: "4",
    error_count: "2",
    root_service: "frontend",
    root_name: "GET /checkout",
    services: [["日本", "1", "0"], ["db", "2", "1"], ["\ue000", "1", "0"], ["cart", "1", "1"], ["😀", "1", "0"]] as [string, string, string][],
  };

  it("maps ids, exact ns times, counts, and services in code point order", () => {
    expect(summaryFromRow(row)).toEqual({
      traceId: traceIdOf(7),
      rootService: "frontend",
      rootName: "GET /checkout",
      startTimeUnixNano: 1_700_000_000_123_456_789n,
      durationNano: 1_000n,
      spanCount: 4,
      errorCount: 2,
      // U+E000 before U+1F600, unlike UTF-16 order.
      services: [
        { name: "cart", spanCount: 1, errorCount: 1 },
        { name: "db", spanCount: 2, errorCount: 1 },
        { name: "日本", spanCount: 1, errorCount: 0 },
        { name: "\ue000", spanCount: 1, errorCount: 0 },
        { name: "😀", spanCount: 1, errorCount: 0 },
      ],
    });
  });

  it("clamps a negative duration at 0 and takes numbers as well as strings", () => {
    const summary = summaryFromRow({ ...row, end_ns: 5, span_count: 1, error_count: 0, services: [["a", 1, 0]] });
    expect([summary.durationNano, summary.spanCount, summary.services]).toEqual([0n, 1, [{ name: "a", spanCount: 1, errorCount: 0 }]]);
  });
});
