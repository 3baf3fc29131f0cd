import type { GenAttribute, GenEvent, GenResource, GenSpan } from "./gen-span.js";
import { KIND, STATUS } from "./gen-span.js";
import { Rng } from "./rng.js";
import type { Operation } from "./span-catalog.js";
import { OPERATIONS, ROOTS, SERVICES, isRemote, resourceAttributes, serverKind, spanAttributes } from "./span-catalog.js";

/**
 * Semconv-like traces of a simulated shop: http/rpc/db/cache/messaging spans with 8–12 attributes,
 * realistic trees (client span in the caller, server span in the callee), ~10% of spans with an
 * exception event. Deterministic: the same options give the same spans, so a later bench phase
 * can regenerate exactly what an earlier one sent.
 */
export interface GeneratorOptions {
  seed: number;
  /** start of the first trace, ns since the Unix epoch */
  baseTimeNs: bigint;
  /** traces are spread evenly over [baseTimeNs, baseTimeNs + windowNs) for `plannedSpans` spans */
  windowNs: bigint;
  plannedSpans: number;
  /** share of spans with an exception event (default 0.1); half of those end in error */
  exceptionRate?: number;
}

/** A generated trace, announced in the batch that holds its first span. */
export interface TraceInfo {
  traceId: Uint8Array;
  spanCount: number;
  startNs: bigint;
  durationNs: bigint;
  rootService: string;
}

export interface GeneratedBatch {
  spans: GenSpan[];
  traces: TraceInfo[];
}

const EXCEPTIONS = [
  ["Error", "connect ECONNREFUSED 10.42.30.5:5432"],
  ["TimeoutError", "deadline exceeded after 500ms"],
  ["TypeError", "Cannot read properties of undefined (reading 'price')"],
  ["PaymentDeclinedError", "card declined: insufficient funds"],
] as const;

export class SpanGenerator {
  private readonly rng: Rng;
  private readonly resources = new Map<string, GenResource>();
  private readonly pending: GenSpan[] = [];
  private readonly nsPerSpan: number;
  private readonly exceptionRate: number;
  private emitted = 0;
  private readonly rootTotal = ROOTS.reduce((s, [, w]) => s + w, 0);

  constructor(private readonly options: GeneratorOptions) {
    this.rng = new Rng(options.seed);
    this.nsPerSpan = Number(options.windowNs) / Math.max(1, options.plannedSpans);
    this.exceptionRate = options.exceptionRate ?? 0.1;
    for (const service of SERVICES) this.resources.set(service, { service, attributes: resourceAttributes(service, this.rng) });
  }

  /** The shared resource of a service. */
  resourceOf(service: string): GenResource {
    const r = this.resources.get(service);
    if (!r) throw new Error(`bench generator: unknown service ${service}`);
    return r;
  }

  /** Exactly `n` spans (traces may straddle batches, as they do between exporter requests). */
  nextBatch(n: number): GeneratedBatch {
    const traces: TraceInfo[] = [];
    while (this.pending.length < n) traces.push(this.generateTrace(this.pending));
    return { spans: this.pending.splice(0, n), traces };
  }

  private generateTrace(out: GenSpan[]): TraceInfo {
    const traceStart = this.options.baseTimeNs + BigInt(Math.floor(this.emitted * this.nsPerSpan));
    const traceId = this.rng.bytes(16);
    let pick = this.rng.next() * this.rootTotal;
    let root = ROOTS[0]![0];
    for (const [op, w] of ROOTS) if ((pick -= w) < 0) { root = op; break; }
    const first = out.length;
    const endMs = this.buildServer(OPERATIONS[root]!, traceId, null, 0, traceStart, out);
    const spanCount = out.length - first;
    this.emitted += spanCount;
    return { traceId, spanCount, startNs: traceStart, durationNs: BigInt(Math.round(endMs * 1e6)), rootService: OPERATIONS[root]!.service };
  }

  /** Emits the callee-side span of `op` and its subtree; returns its end (ms after traceStart). */
  private buildServer(op: Operation, traceId: Uint8Array, parentId: Uint8Array | null, startMs: number, traceStart: bigint, out: GenSpan[]): number {
    const span = this.span(op, traceId, parentId, serverKind(op), op.name, op.service);
    out.push(span);
    const self = this.rng.logNormal(op.selfMs, 0.6);
    let cursor = startMs + self * 0.3;
    for (const call of op.calls) {
      if (call.p !== undefined && !this.rng.chance(call.p)) continue;
      const [lo, hi] = call.times ?? [1, 1];
      for (let i = this.rng.int(lo, hi); i > 0; i--) {
        cursor = this.buildCall(op, OPERATIONS[call.op]!, traceId, span.spanId, cursor, traceStart, out) + this.rng.next() * 0.2;
      }
    }
    const endMs = cursor + self * 0.7;
    this.finish(span, op, "server", startMs, endMs, traceStart);
    return endMs;
  }

  /** A call from `caller` to `op`: a client/producer span in the caller when remote. */
  private buildCall(caller: Operation, op: Operation, traceId: Uint8Array, parentId: Uint8Array, startMs: number, traceStart: bigint, out: GenSpan[]): number {
    if (!isRemote(op)) return this.buildServer(op, traceId, parentId, startMs, traceStart, out);
    const kafka = op.protocol === "kafka";
    const name = kafka ? `publish ${op.target}` : op.protocol === "http" ? op.verb : op.name;
    const client = this.span(op, traceId, parentId, kafka ? KIND.PRODUCER : KIND.CLIENT, name, caller.service);
    out.push(client);
    const net = 0.15 + this.rng.next() * 0.4;
    if (kafka) {
      const publishEnd = startMs + net + this.rng.next();
      this.finish(client, op, "client", startMs, publishEnd, traceStart);
      this.buildServer(op, traceId, client.spanId, publishEnd + 2 + this.rng.next() * 20, traceStart, out);
      return publishEnd;
    }
    const serverEnd = this.buildServer(op, traceId, client.spanId, startMs + net, traceStart, out);
    const endMs = serverEnd + net;
    this.finish(client, op, "client", startMs, endMs, traceStart);
    return endMs;
  }

  private span(op: Operation, traceId: Uint8Array, parentId: Uint8Array | null, kind: number, name: string, service: string): GenSpan {
    return {
      traceId, spanId: this.rng.bytes(8), parentSpanId: parentId, name, kind, startNs: 0n, endNs: 0n,
      attributes: [], events: [], statusCode: STATUS.UNSET, statusMessage: "", service,
      scope: scopeOf(op),
    };
  }

  /** Sets times, status, attributes and maybe an exception event once the span's extent is known. */
  private finish(span: GenSpan, op: Operation, side: "server" | "client", startMs: number, endMs: number, traceStart: bigint): void {
    span.startNs = traceStart + BigInt(Math.round(startMs * 1e6));
    span.endNs = traceStart + BigInt(Math.round(endMs * 1e6));
    const failed = this.rng.chance(this.exceptionRate);
    const error = failed && this.rng.chance(0.5);
    if (failed) span.events.push(this.exception(span, startMs, endMs, traceStart));
    if (error) {
      span.statusCode = STATUS.ERROR;
      span.statusMessage = span.events[0]!.attributes[1]!.value as string;
    }
    const code = op.protocol === "http" ? (error ? 500 : 200) : error ? 13 : 0;
    span.attributes = spanAttributes(op, side, code, this.rng);
  }

  private exception(span: GenSpan, startMs: number, endMs: number, traceStart: bigint): GenEvent {
    const [type, message] = this.rng.pick(EXCEPTIONS);
    const atMs = startMs + (endMs - startMs) * this.rng.next();
    const attributes: GenAttribute[] = [
      { key: "exception.type", value: type },
      { key: "exception.message", value: message },
      { key: "exception.stacktrace", value: `${type}: ${message}\n    at ${span.name} (/app/src/${span.service}/index.js:${this.rng.int(10, 300)}:17)` },
    ];
    return { timeNs: traceStart + BigInt(Math.round(atMs * 1e6)), name: "exception", attributes };
  }
}

function scopeOf(op: Operation): string {
  if (op.protocol === "http") return "@opentelemetry/instrumentation-http";
  if (op.protocol === "rpc") return "@opentelemetry/instrumentation-grpc";
  if (op.protocol === "postgres") return "@opentelemetry/instrumentation-pg";
  if (op.protocol === "redis") return "@opentelemetry/instrumentation-ioredis";
  if (op.protocol === "kafka") return "@opentelemetry/instrumentation-kafkajs";
  return "shop";
}
