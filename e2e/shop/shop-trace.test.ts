import { DECLINED_CARD, GOOD_CARD } from "@skein/example-shop";
import type { ApiLog, ApiSpan } from "@skein/model/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomHex } from "../support/api-client.js";
import { ShopStack, traceIdOf, type PlacedOrder } from "./support-shop-stack.js";
import { formatSpanTree, hopPath, onlySpan, type SpanMatch } from "./support-span-tree.js";

// The real demo shop (five `node --import @skein/node/register` processes + nats-server) → one
// real `skein start` → the query API. No randomness: declines, slow reservations and outages off.

let stack: ShopStack;
beforeAll(async () => {
  stack = await ShopStack.start({ declineRate: 0, slowInventoryRate: 0, paymentUnavailableRate: 0 });
});
afterAll(async () => {
  await stack?.stop();
});

const FRONTEND_SERVER: SpanMatch = { service: "frontend", kind: "server" };
const CHECKOUT_SERVER: SpanMatch = { service: "checkout", kind: "server" };
const PAYMENT_SERVER: SpanMatch = { service: "payment", kind: "server" };
const INVENTORY_SERVER: SpanMatch = { service: "inventory", kind: "server" };
const AUTHORIZE: SpanMatch = { service: "payment", kind: "internal", name: "authorize card" };

/** Every span an order's trace has once the order event went through NATS to notification. */
function orderSpans(subject: "orders.placed" | "orders.failed"): SpanMatch[] {
  return [
    FRONTEND_SERVER,
    CHECKOUT_SERVER,
    INVENTORY_SERVER,
    PAYMENT_SERVER,
    AUTHORIZE,
    { service: "checkout", kind: "producer", name: `send ${subject}` },
    { service: "notification", kind: "consumer", name: `process ${subject}` },
  ];
}

describe("a declined card", () => {
  // One order, placed once; each test reads a different part of its trace.
  let order: PlacedOrder;
  let traceId: string;
  let spans: ApiSpan[];
  let tree: string;
  beforeAll(async () => {
    order = await stack.placeOrder(DECLINED_CARD);
    traceId = traceIdOf(order.traceresponse);
    spans = await stack.waitForTrace(traceId, orderSpans("orders.failed"));
    tree = `span tree:\n${formatSpanTree(spans)}`;
  });

  it("answers 402 with the trace id of the request", () => {
    expect(order.status, order.text).toBe(402);
    expect(order.body, order.text).toMatchObject({ status: "declined", error: "card declined", traceId });
  });

  it("puts the error on payment, under the frontend → checkout → payment chain", () => {
    expect(new Set(spans.map((s) => s.service)), tree).toEqual(new Set(["frontend", "checkout", "inventory", "payment", "notification"]));
    const authorize = onlySpan(spans, AUTHORIZE);
    expect(authorize.status, tree).toEqual({ code: "error", message: "card declined" });
    // Outside payment, only HTTP client spans may be errors: they saw the 402 (OTel HTTP semconv).
    const elsewhere = spans.filter((s) => s.status.code === "error" && s.service !== "payment" && s.kind !== "client");
    expect(elsewhere.map((s) => `${s.service} ${s.kind} "${s.name}"`), tree).toEqual([]);

    expect(hopPath(spans, authorize), tree).toEqual(["frontend server", "frontend client", "checkout server", "checkout client", "payment server"]);
    expect(onlySpan(spans, FRONTEND_SERVER).parentSpanId, tree).toBeNull();
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const paymentParent = byId.get(onlySpan(spans, PAYMENT_SERVER).parentSpanId ?? "");
    expect(paymentParent && `${paymentParent.service} ${paymentParent.kind}`, tree).toBe("checkout client");
    const checkoutParent = byId.get(onlySpan(spans, CHECKOUT_SERVER).parentSpanId ?? "");
    expect(checkoutParent && `${checkoutParent.service} ${checkoutParent.kind}`, tree).toBe("frontend client");
  });

  it("attaches the 'card declined' ERROR log to the payment error span, with only the card's last 4 digits", async () => {
    const authorize = onlySpan(spans, AUTHORIZE);
    // Checkout also logs "card declined", as a WARN about its order: the ERROR is payment's.
    const isPaymentError = (l: ApiLog): boolean => l.body === "card declined" && l.severityNumber >= 17;
    const logs = await stack.waitForLogs(traceId, isPaymentError, '"card declined" with severity ERROR');
    const errors = logs.filter(isPaymentError);
    expect(errors, JSON.stringify(logs, null, 2)).toHaveLength(1);
    const log = errors[0]!;
    expect(log, JSON.stringify(log, null, 2)).toMatchObject({ service: "payment", traceId, spanId: authorize.spanId, severityNumber: 17 });
    expect(log.severityText.toUpperCase()).toBe("ERROR");
    expect(Object.values(log.attributes), JSON.stringify(log.attributes)).toContain(DECLINED_CARD.slice(-4));
    for (const any of logs) expect(JSON.stringify(any), "the full card number must never be logged").not.toContain(DECLINED_CARD);
  });

  it("sends orders.failed to notification: the consumer span is the producer span's child and links to it", () => {
    const producer = onlySpan(spans, { service: "checkout", kind: "producer", name: "send orders.failed" });
    const consumer = onlySpan(spans, { service: "notification", kind: "consumer", name: "process orders.failed" });
    expect(consumer.parentSpanId, tree).toBe(producer.spanId);
    expect(consumer.links, tree).toHaveLength(1);
    expect(consumer.links[0], tree).toMatchObject({ traceId, spanId: producer.spanId });
    expect(hopPath(spans, producer), tree).toEqual(["frontend server", "frontend client", "checkout server", "checkout producer"]);
  });
});

describe("a good card", () => {
  it("confirms the order: 201, no error span, and the confirmation log on the consumer span", async () => {
    const order = await stack.placeOrder(GOOD_CARD);
    expect(order.status, order.text).toBe(201);
    const traceId = traceIdOf(order.traceresponse);
    expect(order.body, order.text).toMatchObject({ status: "confirmed", traceId });
    expect(order.body!.error).toBeUndefined();

    const spans = await stack.waitForTrace(traceId, orderSpans("orders.placed"));
    const tree = `span tree:\n${formatSpanTree(spans)}`;
    expect(spans.filter((s) => s.status.code === "error").map((s) => s.name), tree).toEqual([]);

    const consumer = onlySpan(spans, { service: "notification", kind: "consumer", name: "process orders.placed" });
    const logs = await stack.waitForLogs(traceId, (l) => l.body === "order confirmation sent", '"order confirmation sent"');
    const sent = logs.filter((l) => l.body === "order confirmation sent");
    expect(sent, JSON.stringify(logs, null, 2)).toHaveLength(1);
    expect(sent[0], tree).toMatchObject({ service: "notification", traceId, spanId: consumer.spanId });
    for (const any of logs) expect(JSON.stringify(any), "the full card number must never be logged").not.toContain(GOOD_CARD);
  });
});

describe("a traceparent from an uninstrumented client", () => {
  it("is continued: the frontend's server span has the client's trace id and parent span id", async () => {
    const traceId = randomHex(16);
    const parentSpanId = randomHex(8);
    const order = await stack.placeOrder(GOOD_CARD, { traceparent: `00-${traceId}-${parentSpanId}-01` });
    expect(order.status, order.text).toBe(201);
    expect(order.body?.traceId, order.text).toBe(traceId);
    expect(traceIdOf(order.traceresponse)).toBe(traceId);

    const spans = await stack.waitForTrace(traceId, orderSpans("orders.placed"));
    const tree = `span tree:\n${formatSpanTree(spans)}`;
    const frontend = onlySpan(spans, FRONTEND_SERVER);
    expect(frontend.parentSpanId, tree).toBe(parentSpanId);
    // Not restarted anywhere: the client's span is the only parent missing from the trace.
    const ids = new Set(spans.map((s) => s.spanId));
    const dangling = spans.filter((s) => s.parentSpanId === null || !ids.has(s.parentSpanId));
    expect(dangling.map((s) => s.spanId), tree).toEqual([frontend.spanId]);
  });
});
