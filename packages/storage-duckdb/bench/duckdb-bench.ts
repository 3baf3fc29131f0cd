// Measures the DuckDB adapter at scale (not a test). Usage, from the repo root:
//   node_modules/.bin/vite-node --config vitest.config.ts packages/storage-duckdb/bench/duckdb-bench.ts [spans=1000000] [concurrency=4]
// Prints append spans/s, bytes/span after checkpoint, trace-by-id and search latencies.
import { randomBytes as cryptoRandomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emptyAttributes } from "@skein/model";
import type { Attributes, InstrumentationScope, Resource, Span } from "@skein/model";
import { attribute, compare, intrinsic } from "@skein/storage";
import type { TraceQuery } from "@skein/storage";
import { DuckDbStorage } from "../src/duckdb-storage.js";

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const CONCURRENCY = Number(process.argv[3] ?? 4);
const BATCH = 512;
const SPANS_PER_TRACE = 8;

let seed = 42;
function rand(): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
function randomBytes(n: number): Uint8Array {
  return new Uint8Array(cryptoRandomBytes(n)); // ids are random in real life: no cheap compression
}
function attrs(o: Record<string, Attributes[string]>): Attributes {
  return Object.assign(emptyAttributes(), o);
}

const SERVICES = Array.from({ length: 12 }, (_, i) => `service-${i}`);
const RESOURCES: Resource[] = SERVICES.map((s, i) => ({
  attributes: attrs({ "service.name": s, "service.version": "1.4.2", "host.name": `host-${i}`, "telemetry.sdk.language": "nodejs", "telemetry.sdk.name": "opentelemetry", "telemetry.sdk.version": "2.12.1" }),
  droppedAttributesCount: 0,
  schemaUrl: "https://opentelemetry.io/schemas/1.26.0",
}));
const SCOPE: InstrumentationScope = { name: "@opentelemetry/instrumentation-http", version: "0.223.1", attributes: attrs({}), droppedAttributesCount: 0, schemaUrl: "" };
const ROUTES = ["/api/cart/:id", "/api/checkout/:id", "/api/products", "/api/products/:id", "/api/users/:id", "/health", "/api/orders/:id"];
const METHODS = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];
const STACK = `Error: connection refused\n    at Socket.onError (node:net:1234:16)\n    at Client.query (/app/node_modules/pg/lib/client.js:526:17)\n    at OrderRepository.find (/app/dist/orders/repository.js:88:23)\n    at async OrderService.get (/app/dist/orders/service.js:41:12)\n    at async handler (/app/dist/routes/orders.js:19:5)`;

function makeSpan(trace: Uint8Array, parent: Uint8Array | null, start: bigint, i: number): Span {
  const svc = Math.floor(rand() * SERVICES.length);
  const route = pick(ROUTES);
  const status = rand() < 0.05 ? 500n : pick([200n, 200n, 200n, 201n, 404n]);
  const a: Record<string, Attributes[string]> = {
    "http.request.method": pick(METHODS),
    "http.route": route,
    "url.path": route.replace(":id", String(Math.floor(rand() * 100000))),
    "http.response.status_code": status,
    "server.address": `${SERVICES[svc]}.svc.cluster.local`,
    "server.port": 8080n,
    "network.protocol.version": "1.1",
    "user_agent.original": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36",
  };
  if (i % 3 === 0) {
    a["db.system"] = "postgresql";
    a["db.statement"] = "SELECT * FROM orders WHERE id = $1";
  }
  if (i % 4 === 0) a["thread.id"] = BigInt(Math.floor(rand() * 64));
  const error = status === 500n || rand() < 0.05;
  const duration = BigInt(Math.floor(rand() * rand() * 2_000_000_000));
  return {
    traceId: trace,
    spanId: randomBytes(8),
    parentSpanId: parent,
    traceState: "",
    flags: 1,
    name: `${pick(METHODS)} ${route}`,
    kind: parent === null ? 2 : pick([1, 3, 2]) as 1 | 2 | 3,
    startTimeUnixNano: start,
    endTimeUnixNano: start + duration,
    attributes: attrs(a),
    droppedAttributesCount: 0,
    events: rand() < 0.1 ? [{ timeUnixNano: start + 1000n, name: "exception", attributes: attrs({ "exception.type": "Error", "exception.message": "connection refused", "exception.stacktrace": STACK }), droppedAttributesCount: 0 }] : [],
    droppedEventsCount: 0,
    links: [],
    droppedLinksCount: 0,
    status: { code: error ? 2 : 0, message: error ? "connection refused" : "" },
    resource: RESOURCES[svc]!,
    scope: SCOPE,
    service: SERVICES[svc]!,
    sampleWeight: 1,
  };
}

let clock = 1_700_000_000_000_000_000n;
const traceIds: Uint8Array[] = [];
function makeBatch(): Span[] {
  const spans: Span[] = [];
  while (spans.length < BATCH) {
    const trace = randomBytes(16);
    if (traceIds.length < 100_000) traceIds.push(trace);
    else traceIds[Math.floor(rand() * traceIds.length)] = trace;
    clock += 2_000_000n;
    let parent: Uint8Array | null = null;
    for (let i = 0; i < SPANS_PER_TRACE; i++) {
      const s = makeSpan(trace, parent, clock + BigInt(i) * 1000n, i);
      parent ??= s.spanId;
      spans.push(s);
    }
  }
  return spans;
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<{ p50: number; p99: number }> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return { p50: +percentile(ms, 50).toFixed(2), p99: +percentile(ms, 99).toFixed(2) };
}

const dir = await mkdtemp(join(tmpdir(), "skein-bench-"));
const INDEX = process.env["INDEX"] === "1";
let storage = new DuckDbStorage({ dataDir: dir, options: { traceIdIndex: INDEX } });
await storage.start();

// Generation cost, measured separately and excluded from the append rate.
let genMs = 0;
const batches = Math.ceil(TOTAL / BATCH);
const started = performance.now();
let next = 0;
async function worker(): Promise<void> {
  while (next < batches) {
    next++;
    const g = performance.now();
    const spans = makeBatch();
    genMs += performance.now() - g;
    await storage.traces.writer.writeSpans({ spans });
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker));
const wallMs = performance.now() - started;
const written = batches * BATCH;
await storage.shutdown();
storage = new DuckDbStorage({ dataDir: dir, options: { traceIdIndex: INDEX } });
await storage.start();
const bytes = await storage.sizeBytes();

const reader = storage.traces.reader;
const drain = async (it: AsyncIterable<unknown[]>) => {
  let n = 0;
  for await (const c of it) n += c.length;
  return n;
};
const byId = await time(() => drain(reader.getTrace(pick(traceIds))), 200);
const search = (q: TraceQuery) => time(() => drain(reader.findTraces(q)), 20);
const serviceDuration = await search({ limit: 20, spanFilter: { op: "and", filters: [compare(intrinsic("service"), "=", "service-3"), compare(intrinsic("duration"), ">=", 1_500_000_000n)] } });
const serviceOnly = await search({ limit: 20, spanFilter: compare(intrinsic("service"), "=", "service-3") });
const attr = await search({ limit: 20, spanFilter: compare(attribute("http.response.status_code", "span"), ">=", 500n) });
const attrString = await search({ limit: 20, spanFilter: compare(attribute("url.path", "span"), "=", "/api/users/4242") });
await storage.shutdown();
if (process.env["KEEP"] === undefined) await rm(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);

console.log(
  JSON.stringify(
    {
      spans: written,
      traceIdIndex: INDEX,
      concurrency: CONCURRENCY,
      appendSpansPerSec: Math.round(written / ((wallMs - genMs) / 1000)),
      wallSpansPerSecIncludingGeneration: Math.round(written / (wallMs / 1000)),
      bytesPerSpan: +(bytes / written).toFixed(1),
      traceByIdMs: byId,
      searchServiceAndMinDurationMs: serviceDuration,
      searchServiceOnlyMs: serviceOnly,
      searchIntAttributeMs: attr,
      searchStringAttributeMs: attrString,
    },
    null,
    2,
  ),
);
