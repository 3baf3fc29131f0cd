/**
 * What the span-metrics and service-graph processors cost per span (not a test):
 * `npx vite-node packages/server/src/process/testdata/measure-processor-cost.ts`.
 * Decodes 512-span OTLP requests of the shop topology (10-span traces: HTTP client/server pairs,
 * a database call, a queue, an external call) and hands them to a no-op consumer, with and
 * without the processor in front, in alternating rounds; prints the median CPU ns per span of
 * each (CPU time: the machine is shared). Then the same with every client unpaired, so the
 * pending-edge store runs full and evicts on every insert (the case where draining a Map from
 * its front went quadratic before the store got its own arrival queue).
 * Measured on the 2-core dev machine under load: decode ≈ 1,450 ns/span; the processors add
 * ≈ 500 ns/span (shop) and ≈ 750 ns/span (store full): a few % of the ~14 µs of main-thread
 * time a span costs at 70k spans/s.
 */
import { decodeOtlpTracesProto, encodeOtlpTracesProto, SpanKind, type Span, type SpanBatch } from "@skein/model";
import { SpanMetricsProcessor } from "../span-metrics/span-metrics-processor.js";
import { shopTrace, spanOf } from "./shop-topology.js";

const BATCH = 512;
const ROUNDS = 8;

function semconv(span: Span): Span {
  const a = span.attributes;
  a["http.request.method"] = "POST";
  a["url.path"] = "/api/v1/items";
  a["http.response.status_code"] = 200n;
  a["network.protocol.version"] = "1.1";
  a["user_agent.original"] = "Mozilla/5.0";
  a["client.address"] = "10.1.2.3";
  return span;
}

function payloads(makeTrace: (trace: number) => Span[]): Uint8Array[] {
  const spans = Array.from({ length: (40 * BATCH) / 10 }, (_, i) => makeTrace(i + 1).map(semconv)).flat();
  return Array.from({ length: 40 }, (_, i) => encodeOtlpTracesProto(spans.slice(i * BATCH, (i + 1) * BATCH)));
}

const shop = payloads((trace) => shopTrace(trace));
const unpaired = payloads((trace) => Array.from({ length: 10 }, () => spanOf({ service: "a", kind: SpanKind.CLIENT, trace, attributes: { "peer.service": "ext" } })));

const noop = { consume: async (_batch: SpanBatch) => {} };
const cpuNs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};
const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[xs.length >> 1]!;

async function measure(name: string, requests: Uint8Array[], options: { maxPendingEdges?: number } = {}): Promise<void> {
  const processor = new SpanMetricsProcessor({ next: noop, writer: { writeRollups: async () => {} }, logger: { warn() {}, error() {} } as never, ...options });
  const round = async (consumer: { consume(b: SpanBatch): Promise<void> }): Promise<number> => {
    const t0 = cpuNs();
    for (const bytes of requests) await consumer.consume(decodeOtlpTracesProto(bytes).batch);
    return (cpuNs() - t0) / (requests.length * BATCH);
  };
  const off: number[] = [];
  const on: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    off.push(await round(noop));
    on.push(await round(processor));
    await processor.flush();
  }
  console.log(`${name}: decode ${median(off).toFixed(0)} ns/span, decode + processors ${median(on).toFixed(0)} ns/span (+${(median(on) - median(off)).toFixed(0)}); pending keys ${processor.pendingEdgeKeys}`);
  await processor.shutdown();
}

await measure("shop topology", shop);
await measure("unpaired clients, store full (10,000)", unpaired, { maxPendingEdges: 10_000 });
