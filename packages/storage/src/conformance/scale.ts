import { SpanKind, StatusCode, bytesToHex } from "@skein/model";
import type { Span } from "@skein/model";
import { describe, expect, it } from "vitest";
import { and, compare, intrinsic } from "../filter.js";
import type { SpanFilter } from "../filter.js";
import { compareBytes } from "../code-point-order.js";
import type { TraceSummary } from "../queries.js";
import { evaluateSpanFilter } from "../span-filter-eval.js";
import { BASE_TIME_NANO, attrs, collect, makeResource, makeSpan, spanIdOf, traceIdOf } from "../testing/fixtures.js";
import { summarizeTrace } from "../trace-summary.js";
import type { ConformanceContext } from "./harness.js";
import { findTraces } from "./search-helpers.js";

const TRACES = 500;
const SPANS_PER_TRACE = 10;
const SERVICES = ["gateway", "orders", "payments", "inventory", "email"];

/**
 * 500 traces × 10 spans. Trace starts repeat every 50 traces so ties on start are common; trace
 * numbers are shuffled against start times so id order and time order disagree.
 */
function buildTraces(): Span[][] {
  const resources = SERVICES.map((s) => makeResource(attrs({ "service.name": s })));
  return Array.from({ length: TRACES }, (_, t) => {
    const traceNumber = ((t * 7919) % TRACES) + 1;
    const start = BASE_TIME_NANO + BigInt(t % 50) * 1_000_000n;
    return Array.from({ length: SPANS_PER_TRACE }, (_, i) =>
      makeSpan({
        traceId: traceIdOf(traceNumber),
        spanId: spanIdOf(traceNumber * 100 + i + 1),
        parentSpanId: i === 0 ? null : spanIdOf(traceNumber * 100 + 1),
        name: i === 0 ? "GET /api" : `op-${i % 4}`,
        kind: i === 0 ? SpanKind.SERVER : SpanKind.INTERNAL,
        resource: resources[(t + i) % SERVICES.length]!,
        startTimeUnixNano: start + BigInt(i) * 1_000n,
        endTimeUnixNano: start + BigInt(i) * 1_000n + BigInt(((t * 31 + i * 17) % 97) + 1) * 10_000n,
        status: { code: (t + i) % 13 === 0 ? StatusCode.ERROR : StatusCode.UNSET, message: "" },
      }),
    );
  });
}

function expected(traces: Span[][], filter: SpanFilter | undefined, limit: number): TraceSummary[] {
  return traces
    .filter((spans) => filter === undefined || spans.some((s) => evaluateSpanFilter(s, filter)))
    .map(summarizeTrace)
    .sort((a, b) => (a.startTimeUnixNano !== b.startTimeUnixNano ? (a.startTimeUnixNano > b.startTimeUnixNano ? -1 : 1) : compareBytes(a.traceId, b.traceId)))
    .slice(0, limit);
}

/** Ordering, ties and limits over ~5,000 spans, against the reference semantics. */
export function scaleTests(ctx: ConformanceContext): void {
  describe("at scale (5,000 spans in 500 traces)", () => {
    it("findTraces orders, breaks ties and limits like the reference", async () => {
      const traces = buildTraces();
      const spans = traces.flat();
      for (let i = 0; i < spans.length; i += 1_000) await ctx.storage().traces.writer.writeSpans({ spans: spans.slice(i, i + 1_000) });

      const cases: [string, SpanFilter | undefined, number][] = [
        ["all, limit 20", undefined, 20],
        ["all, limit 1000", undefined, 1_000],
        ["service payments, limit 75", compare(intrinsic("service"), "=", "payments"), 75],
        ["errors, limit 1000", compare(intrinsic("status"), "=", "error"), 1_000],
        ["op-3 slower than 0.5 ms, limit 40", and(compare(intrinsic("name"), "=", "op-3"), compare(intrinsic("duration"), ">", 500_000n)), 40],
      ];
      for (const [label, filter, limit] of cases) {
        const want = expected(traces, filter, limit);
        const got = await findTraces(ctx.storage(), { limit, ...(filter === undefined ? {} : { spanFilter: filter }) });
        expect(got.map((s) => bytesToHex(s.traceId)), label).toEqual(want.map((s) => bytesToHex(s.traceId)));
        expect(got, label).toEqual(want);
      }
      const oneTrace = traces[123]!;
      expect(await collect(ctx.storage().traces.reader.getTrace(oneTrace[0]!.traceId))).toHaveLength(SPANS_PER_TRACE);
      expect(await ctx.storage().traces.reader.getServices()).toEqual([...SERVICES].sort());
    });
  });
}
