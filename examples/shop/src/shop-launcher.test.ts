// Integration: the real shop — nats-server and five `node --import @skein/node/register` processes
// from the BUILT dist (run `npx tsc -b examples/shop` first) — with its OTLP endpoint on a closed
// port (the services must serve anyway). Trace content in a real Skein is checked in e2e/shop/.
import { createServer, connect as tcpConnect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DECLINED_CARD, GOOD_CARD, type OrderResponse, type ShopHandle, type ShopServiceName } from "./shop-contract.js";
import { ShopError } from "./errors.js";
import { startShop } from "./shop-launcher.js";

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = tcpConnect(Number(port), hostname);
    socket.once("connect", () => resolve(!!socket.end()));
    socket.once("error", () => resolve(false));
  });
}

async function order(shop: ShopHandle, body: unknown) {
  const res = await fetch(`${shop.frontendUrl}/api/orders`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, traceresponse: res.headers.get("traceresponse"), body: (await res.json()) as OrderResponse };
}

describe("startShop (real processes)", () => {
  let shop: ShopHandle;
  const output: Array<{ service: ShopServiceName | "nats"; line: string }> = [];

  /** Waits for a JSON log line of `service` with `msg` for `orderId`; returns it parsed. */
  async function logLine(service: ShopServiceName, msg: string, orderId: string): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      for (const entry of output) {
        if (entry.service !== service || !entry.line.includes(orderId)) continue;
        const record = JSON.parse(entry.line) as Record<string, unknown>;
        if (record.msg === msg) return record;
      }
      if (Date.now() > deadline) {
        const seen = output.filter((e) => e.service === service).map((e) => e.line);
        throw new Error(`no "${msg}" log of ${service} for ${orderId} within 10 s; ${service} printed:\n${seen.join("\n")}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    shop = await startShop({
      otlpEndpoint: `http://127.0.0.1:${await closedPort()}`,
      declineRate: 0,
      slowInventoryRate: 0,
      paymentUnavailableRate: 0,
      env: { OTEL_BSP_SCHEDULE_DELAY: "100", OTEL_BLRP_SCHEDULE_DELAY: "100" },
      onOutput: (service, line) => output.push({ service, line }),
    });
  });
  afterAll(async () => {
    await shop?.stop();
  });

  it("runs five services, the HTTP ones with URLs, and a NATS broker", async () => {
    expect(shop.services.map((s) => s.name).sort()).toEqual(["checkout", "frontend", "inventory", "notification", "payment"]);
    for (const service of shop.services) {
      expect(isAlive(service.pid), `${service.name} pid ${service.pid}`).toBe(true);
      expect(service.url === undefined).toBe(service.name === "notification");
    }
    expect(shop.services.find((s) => s.name === "frontend")?.url).toBe(shop.frontendUrl);
    expect(shop.natsUrl).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${shop.frontendUrl}/healthz`)).status).toBe(200);
  });

  it("confirms an order paid with a good card, in one trace down to the notification", async () => {
    const placed = await order(shop, { customerId: "cust-0042", items: [{ sku: "TEA-SENCHA-100", quantity: 2 }], card: GOOD_CARD });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ status: "confirmed", orderId: expect.stringMatching(/^ord_/) });
    expect(placed.body.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(placed.traceresponse).toMatch(new RegExp(`^00-${placed.body.traceId}-[0-9a-f]{16}-01$`));
    const sent = await logLine("notification", "order confirmation sent", placed.body.orderId);
    expect(sent).toMatchObject({ trace_id: placed.body.traceId, customer_id: "cust-0042", amount_cents: 1780 });
  });

  it("declines DECLINED_CARD with 402, logging only the last 4 digits", async () => {
    const declined = await order(shop, { items: [{ sku: "MUG-STONE-350", quantity: 1 }], card: DECLINED_CARD });
    expect(declined.status).toBe(402);
    expect(declined.body).toMatchObject({ status: "declined", error: "card declined" });
    expect(declined.traceresponse?.split("-")[1]).toBe(declined.body.traceId);
    const log = await logLine("payment", "card declined", declined.body.orderId);
    expect(log).toMatchObject({ level: 50, card_last4: "0002", reason: "generic_decline", trace_id: declined.body.traceId });
    expect(output.some((e) => e.line.includes(DECLINED_CARD))).toBe(false);
    expect(await logLine("notification", "payment failure notice sent", declined.body.orderId)).toMatchObject({
      trace_id: declined.body.traceId,
      reason: "card declined",
    });
  });

  it("answers 400 to an order it cannot take, saying why", async () => {
    const bad = await order(shop, { items: [{ sku: "NO-SUCH-THING", quantity: 1 }], card: GOOD_CARD });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("items[0].sku is not a product of the shop");
  });

  it("stop() ends every process and the broker, and is idempotent", async () => {
    const pids = shop.services.map((s) => s.pid);
    await Promise.all([shop.stop(), shop.stop()]);
    expect(pids.filter(isAlive)).toEqual([]);
    expect(await accepts(shop.frontendUrl)).toBe(false);
    expect(await accepts(shop.natsUrl.replace("nats:", "http:"))).toBe(false);
    expect(output.some((e) => e.line.includes("unexpectedly"))).toBe(false);
    await shop.stop();
  });
});

describe("startShop (refusals)", () => {
  it("names an explicit natsServerPath that is no executable file, starting nothing", async () => {
    const error = await startShop({ otlpEndpoint: "http://127.0.0.1:4318", natsServerPath: "/nonexistent/nats-server" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopError);
    expect((error as ShopError).code).toBe("SKEIN_ERR_NATS_SERVER_MISSING");
    expect((error as Error).message).toMatch(/^\/nonexistent\/nats-server is not an executable file: /);
  });

  it("stops what it started and shows the service's output when a service cannot start", async () => {
    const lines: string[] = [];
    const error = await startShop({
      otlpEndpoint: "http://127.0.0.1:4318",
      env: { NODE_OPTIONS: "--require /nonexistent/preload.cjs" },
      onOutput: (service, line) => lines.push(`${service}: ${line}`),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopError);
    expect((error as ShopError).code).toBe("SKEIN_ERR_SHOP_NOT_READY");
    expect((error as Error).message).toMatch(/(payment|inventory|notification) exited with code 1 before it was ready/);
    expect((error as Error).message).toContain("Cannot find module '/nonexistent/preload.cjs'");
    const address = lines.map((l) => /Listening for client connections on (\S+)/.exec(l)?.[1]).find(Boolean);
    expect(address, lines.join("\n")).toBeDefined();
    expect(await accepts(`http://${address}`)).toBe(false);
  });

  it("rejects an invalid option before starting anything", async () => {
    await expect(startShop({ otlpEndpoint: "http://127.0.0.1:4318", declineRate: 3 })).rejects.toThrow("declineRate must be a number from 0 to 1, got 3");
  });
});
