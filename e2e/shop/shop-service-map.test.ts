import { DECLINED_CARD, GOOD_CARD } from "@skein/example-shop";
import { apiRedResponseSchema, apiServiceMapResponseSchema, type ApiServiceMapResponse } from "@skein/model/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../support/api-client.js";
import { sleep } from "../support/skein-process.js";
import { ShopStack } from "./support-shop-stack.js";

// The real demo shop (five `node --import @skein/node/register` processes + nats-server) → one
// real `skein start` with the span-metrics processors flushing every 200 ms → the service map and
// RED metrics built from what the real instrumentation recorded (HTTP client/server pairs across
// processes, NATS producer/consumer through the message headers).

const GOOD_ORDERS = 4;
const DECLINED_ORDERS = 2;

let stack: ShopStack;
let map: ApiServiceMapResponse;
beforeAll(async () => {
  stack = await ShopStack.start({ declineRate: 0, slowInventoryRate: 0, paymentUnavailableRate: 0 }, ["--span-metrics-flush-interval", "200ms"]);
  for (let i = 0; i < GOOD_ORDERS; i++) expect((await stack.placeOrder(GOOD_CARD)).status).toBe(201);
  for (let i = 0; i < DECLINED_ORDERS; i++) expect((await stack.placeOrder(DECLINED_CARD)).status).toBe(402);
  map = await waitForMap((m) => edgeCount(m, "orders.failed", "notification") >= DECLINED_ORDERS && edgeCount(m, "orders.placed", "notification") >= GOOD_ORDERS);
});
afterAll(async () => {
  await stack?.stop();
});

function edgeCount(m: ApiServiceMapResponse, source: string, target: string): number {
  return m.edges.find((e) => e.source === source && e.target === target)?.callCount ?? 0;
}

async function waitForMap(done: (m: ApiServiceMapResponse) => boolean, timeoutMs = 20_000): Promise<ApiServiceMapResponse> {
  const deadline = Date.now() + timeoutMs;
  let last: ApiServiceMapResponse | undefined;
  while (Date.now() < deadline) {
    const res = await getJson<unknown>(`${stack.apiUrl}/api/v1/service-map`);
    if (res.status === 200) {
      last = apiServiceMapResponseSchema.parse(res.body);
      if (done(last)) return last;
    }
    await sleep(200);
  }
  throw new Error(`the service map did not show every order within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

describe("service map and RED from the real shop", () => {
  it("joins the services by their HTTP calls and the NATS subjects, with exact call counts", () => {
    const orders = GOOD_ORDERS + DECLINED_ORDERS;
    const edges = Object.fromEntries(map.edges.map((e) => [`${e.source} → ${e.target}`, e.callCount]));
    expect(edges).toMatchObject({
      "frontend → checkout": orders,
      "checkout → inventory": orders,
      "checkout → payment": orders,
      "checkout → orders.placed": GOOD_ORDERS,
      "orders.placed → notification": GOOD_ORDERS,
      "checkout → orders.failed": DECLINED_ORDERS,
      "orders.failed → notification": DECLINED_ORDERS,
    });
    const types = Object.fromEntries(map.nodes.map((n) => [n.name, n.type]));
    expect(types).toMatchObject({ frontend: "service", checkout: "service", inventory: "service", payment: "service", notification: "service", "orders.placed": "queue", "orders.failed": "queue" });
  });

  it("counts the declined payments as failed calls, and nothing else", () => {
    const payment = map.edges.find((e) => e.source === "checkout" && e.target === "payment")!;
    expect(payment.errorCount).toBe(DECLINED_ORDERS);
    expect(map.edges.find((e) => e.source === "checkout" && e.target === "inventory")!.errorCount).toBe(0);
  });

  it("reports payment's requests in its RED series, and the declines on the span that failed", async () => {
    const totals = async (query: string): Promise<[number, number]> => {
      const res = await getJson<unknown>(`${stack.apiUrl}/api/v1/metrics/red?service=payment&step=1h${query}`);
      expect(res.status).toBe(200);
      const red = apiRedResponseSchema.parse(res.body);
      return [red.series.reduce((sum, p) => sum + p.count, 0), red.series.reduce((sum, p) => sum + p.errorCount, 0)];
    };
    // A 402 is the client's error: per the HTTP semantic conventions the SERVER span stays unset,
    // the calling CLIENT span (the map's failed edge above) and the internal span carry the error.
    expect(await totals("")).toEqual([GOOD_ORDERS + DECLINED_ORDERS, 0]);
    expect(await totals(`&operation=${encodeURIComponent("authorize card")}`)).toEqual([GOOD_ORDERS + DECLINED_ORDERS, DECLINED_ORDERS]);
  });
});
