import { describe, expect, it } from "vitest";
import { decodeRaw, encodeTracesRequest, otlpTypes } from "./otlp-proto.js";
import { SERVICES } from "./span-catalog.js";
import { SpanGenerator } from "./span-generator.js";

const base = 1_700_000_000_000n * 1_000_000n;
const make = (seed = 1): SpanGenerator => new SpanGenerator({ seed, baseTimeNs: base, windowNs: 60_000_000_000n, plannedSpans: 20_000 });

describe("SpanGenerator", () => {
  const gen = make();
  const batches = Array.from({ length: 20 }, () => gen.nextBatch(512));
  const spans = batches.flatMap((b) => b.spans);
  const traces = batches.flatMap((b) => b.traces);

  it("gives exactly the requested number of spans per batch", () => {
    expect(batches.every((b) => b.spans.length === 512)).toBe(true);
  });

  it("is deterministic for a seed and differs across seeds", () => {
    const again = make().nextBatch(512).spans;
    expect(again.map((s) => Buffer.from(s.spanId).toString("hex"))).toEqual(batches[0]!.spans.map((s) => Buffer.from(s.spanId).toString("hex")));
    expect(Buffer.from(make(2).nextBatch(1).spans[0]!.traceId)).not.toEqual(Buffer.from(spans[0]!.traceId));
  });

  it("gives every span 8–12 attributes and about 10% an exception event", () => {
    expect(spans.every((s) => s.attributes.length >= 8 && s.attributes.length <= 12)).toBe(true);
    const withException = spans.filter((s) => s.events.some((e) => e.name === "exception")).length / spans.length;
    expect(withException).toBeGreaterThan(0.08);
    expect(withException).toBeLessThan(0.12);
    expect(spans.some((s) => s.statusCode === 2)).toBe(true);
  });

  it("builds trees: one root per trace, parents inside the trace, children within the root's time", () => {
    const byTrace = new Map<string, typeof spans>();
    for (const s of spans) {
      const k = Buffer.from(s.traceId).toString("hex");
      byTrace.set(k, [...(byTrace.get(k) ?? []), s]);
    }
    const first = traces[0]!;
    const members = byTrace.get(Buffer.from(first.traceId).toString("hex"))!;
    expect(members.length).toBe(first.spanCount);
    const roots = members.filter((s) => s.parentSpanId === null);
    expect(roots).toHaveLength(1);
    const ids = new Set(members.map((s) => Buffer.from(s.spanId).toString("hex")));
    for (const s of members) {
      if (s.parentSpanId) expect(ids.has(Buffer.from(s.parentSpanId).toString("hex"))).toBe(true);
      expect(s.endNs).toBeGreaterThanOrEqual(s.startNs);
      expect(s.startNs).toBeGreaterThanOrEqual(roots[0]!.startNs);
    }
    expect(new Set(spans.map((s) => s.service)).size).toBeGreaterThan(6);
    expect(spans.every((s) => SERVICES.includes(s.service))).toBe(true);
  });

  it("encodes to OTLP protobuf at a few hundred bytes per span that decodes back to the same spans", () => {
    const bytes = encodeTracesRequest(batches[1]!.spans, (s) => gen.resourceOf(s));
    const perSpan = bytes.byteLength / 512;
    expect(perSpan).toBeGreaterThan(250);
    expect(perSpan).toBeLessThan(450);
    expect(decodeRaw(bytes)).toBe(512);
    const msg = otlpTypes().request.toObject(otlpTypes().request.decode(bytes), { longs: String }) as {
      resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: { name: string; startTimeUnixNano: string }[] }[] }[];
    };
    const service = msg.resourceSpans[0]!.resource.attributes.find((a) => a.key === "service.name")!.value.stringValue!;
    const sent = batches[1]!.spans.filter((s) => s.service === service);
    const got = msg.resourceSpans[0]!.scopeSpans.flatMap((ss) => ss.spans);
    expect(got).toHaveLength(sent.length);
    expect(new Set(got.map((s) => s.startTimeUnixNano))).toEqual(new Set(sent.map((s) => s.startNs.toString())));
  });
});
