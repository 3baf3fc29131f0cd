import { GOOD_CARD } from "@skein/example-shop";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sleep } from "../support/skein-process.js";
import { ShopStack, traceIdOf } from "./support-shop-stack.js";
import { ancestry, formatSpanTree, onlySpan } from "./support-span-tree.js";

// checkoutRetry with a payment service that is always unavailable: the trace of one order shows
// the first charge and both retries, each a checkout client span with its own payment server span.

let stack: ShopStack;
beforeAll(async () => {
  stack = await ShopStack.start({ declineRate: 0, slowInventoryRate: 0, paymentUnavailableRate: 1, checkoutRetry: true });
});
afterAll(async () => {
  await stack?.stop();
});

it("retries a charge answered 503 twice: three payment attempts in one trace", async () => {
  const order = await stack.placeOrder(GOOD_CARD);
  expect(order.status, order.text).toBe(503);
  const traceId = traceIdOf(order.traceresponse);
  expect(order.body, order.text).toMatchObject({ status: "failed", traceId });

  await stack.waitForTrace(traceId, [{ service: "frontend", kind: "server" }, { service: "payment", kind: "server", atLeast: 3 }]);
  // The frontend span ended after every attempt; a short grace lets a straggling batch arrive, so a fourth attempt would show.
  await sleep(500);
  const spans = await stack.getTrace(traceId);
  const tree = `span tree:\n${formatSpanTree(spans)}`;

  const attempts = spans.filter((s) => s.service === "payment" && s.kind === "server");
  expect(attempts, tree).toHaveLength(3);
  const checkoutServer = onlySpan(spans, { service: "checkout", kind: "server" });
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (const attempt of attempts) {
    expect(attempt.attributes["http.response.status_code"], tree).toBe(503);
    const caller = byId.get(attempt.parentSpanId ?? "");
    expect(caller && `${caller.service} ${caller.kind}`, tree).toBe("checkout client");
    expect(ancestry(spans, caller!), `attempt not under checkout's server span\n${tree}`).toContain(checkoutServer);
  }
  // Three distinct client spans, one per attempt, each sent in sequence.
  const callers = attempts.map((a) => byId.get(a.parentSpanId!)!);
  expect(new Set(callers.map((c) => c.spanId)).size, tree).toBe(3);
  callers.sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  for (let i = 1; i < callers.length; i++) {
    const previousEnd = BigInt(callers[i - 1]!.endTimeUnixNano);
    expect(previousEnd <= BigInt(callers[i]!.startTimeUnixNano), `attempt ${i + 1} started before attempt ${i} ended\n${tree}`).toBe(true);
  }
});
