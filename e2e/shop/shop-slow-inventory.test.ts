import { GOOD_CARD } from "@skein/example-shop";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ShopStack, traceIdOf } from "./support-shop-stack.js";
import { formatSpanTree, hopPath, onlySpan, type SpanMatch } from "./support-span-tree.js";

// Fault injection: with slowInventoryRate 1 every reservation is slow by slowInventoryMs. The
// trace must show where the order's time went: inventory's `reserve stock` span lasts at least
// that long, is marked `inventory.slow = true`, and sits under checkout's call to inventory.

const SLOW_MS = 300;
const RESERVE: SpanMatch = { service: "inventory", kind: "internal", name: "reserve stock" };

let stack: ShopStack;
beforeAll(async () => {
  stack = await ShopStack.start({ declineRate: 0, slowInventoryRate: 1, slowInventoryMs: SLOW_MS, paymentUnavailableRate: 0 });
});
afterAll(async () => {
  await stack?.stop();
});

it(`shows a slow reservation: "reserve stock" ≥ ${SLOW_MS} ms, inventory.slow = true, under checkout`, async () => {
  const order = await stack.placeOrder(GOOD_CARD);
  expect(order.status, order.text).toBe(201);
  const traceId = traceIdOf(order.traceresponse);
  const spans = await stack.waitForTrace(traceId, [{ service: "frontend", kind: "server" }, { service: "checkout", kind: "server" }, RESERVE]);
  const tree = `span tree:\n${formatSpanTree(spans)}`;

  const reserve = onlySpan(spans, RESERVE);
  const durationMs = Number(BigInt(reserve.endTimeUnixNano) - BigInt(reserve.startTimeUnixNano)) / 1e6;
  expect(durationMs, tree).toBeGreaterThanOrEqual(SLOW_MS);
  expect(reserve.attributes["inventory.slow"], tree).toBe(true);

  expect(hopPath(spans, reserve), tree).toEqual(["frontend server", "frontend client", "checkout server", "checkout client", "inventory server"]);
});
