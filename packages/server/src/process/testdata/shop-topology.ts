import { SpanKind, StatusCode, type AnyValue, type Span } from "@skein/model";
import { BASE_TIME_NANO, attrs, makeSpan, spanIdOf, traceIdOf } from "@skein/storage/testing";

let nextSpanNumber = 1_000_000;

export interface SpanSpec {
  service: string;
  kind: (typeof SpanKind)[keyof typeof SpanKind];
  name?: string;
  trace?: number;
  parent?: Span | null;
  /** Start, ns after BASE_TIME_NANO. */
  startOffset?: bigint;
  durationNano?: bigint;
  attributes?: Record<string, AnyValue>;
  error?: boolean;
  weight?: number;
  links?: Span[];
}

/** One span with a fresh id; its parent's trace unless `trace` is given. */
export function spanOf(spec: SpanSpec): Span {
  const traceId = spec.trace !== undefined ? traceIdOf(spec.trace) : (spec.parent?.traceId ?? traceIdOf(1));
  const start = BASE_TIME_NANO + (spec.startOffset ?? 0n);
  return makeSpan({
    traceId,
    spanId: spanIdOf(nextSpanNumber++),
    parentSpanId: spec.parent?.spanId ?? null,
    service: spec.service,
    kind: spec.kind,
    name: spec.name ?? `${spec.service} op`,
    startTimeUnixNano: start,
    endTimeUnixNano: start + (spec.durationNano ?? 1_000_000n),
    attributes: attrs(spec.attributes ?? {}),
    status: { code: spec.error ? StatusCode.ERROR : StatusCode.UNSET, message: "" },
    sampleWeight: spec.weight ?? 1,
    links: (spec.links ?? []).map((l) => ({ traceId: l.traceId, spanId: l.spanId, traceState: "", attributes: attrs({}), droppedAttributesCount: 0, flags: 0 })),
  });
}

export const MS = 1_000_000n;

/**
 * One trace of the shop: frontend → checkout (HTTP) → payment (HTTP, ERROR when `paymentFails`),
 * checkout → postgres `orders-db` (db.system), checkout → `orders` queue (producer with a
 * destination) → worker (consumer with the destination), checkout → stripe (peer.service, never
 * answered by a server span). The frontend's client call lasts `checkoutMs` ms.
 */
export function shopTrace(trace: number, options: { checkoutMs?: number; paymentFails?: boolean; weight?: number } = {}): Span[] {
  const weight = options.weight ?? 1;
  const root = spanOf({ service: "frontend", kind: SpanKind.SERVER, name: "GET /cart", trace, durationNano: 200n * MS, weight });
  const toCheckout = spanOf({ service: "frontend", kind: SpanKind.CLIENT, name: "POST /checkout", parent: root, durationNano: BigInt(options.checkoutMs ?? 100) * MS, weight, attributes: { "server.address": "checkout.internal" } });
  const checkout = spanOf({ service: "checkout", kind: SpanKind.SERVER, name: "POST /checkout", parent: toCheckout, durationNano: 90n * MS, weight });
  const toPayment = spanOf({ service: "checkout", kind: SpanKind.CLIENT, name: "POST /pay", parent: checkout, durationNano: 40n * MS, weight });
  const payment = spanOf({ service: "payment", kind: SpanKind.SERVER, name: "POST /pay", parent: toPayment, durationNano: 30n * MS, error: options.paymentFails, weight });
  const query = spanOf({ service: "checkout", kind: SpanKind.CLIENT, name: "INSERT orders", parent: checkout, durationNano: 5n * MS, weight, attributes: { "db.system": "postgresql", "server.address": "orders-db" } });
  const publish = spanOf({ service: "checkout", kind: SpanKind.PRODUCER, name: "orders publish", parent: checkout, durationNano: 1n * MS, weight, attributes: { "messaging.destination.name": "orders" } });
  const consume = spanOf({ service: "worker", kind: SpanKind.CONSUMER, name: "orders process", parent: publish, durationNano: 20n * MS, weight, attributes: { "messaging.destination.name": "orders" } });
  const charge = spanOf({ service: "checkout", kind: SpanKind.CLIENT, name: "POST /v1/charges", parent: checkout, durationNano: 300n * MS, weight, attributes: { "peer.service": "stripe", "server.address": "api.stripe.com" } });
  const internal = spanOf({ service: "checkout", kind: SpanKind.INTERNAL, name: "price cart", parent: checkout, durationNano: 2n * MS, weight });
  return [root, toCheckout, checkout, toPayment, payment, query, publish, consume, charge, internal];
}
