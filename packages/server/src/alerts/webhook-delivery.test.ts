import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { deliverWebhook } from "./webhook-delivery.js";

interface Received {
  method: string;
  contentType: string | undefined;
  body: unknown;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

/** A local receiver answering the n-th request (from 0) with `answer(n)`; "hang" never answers. */
async function receiver(answer: (n: number) => number | "hang"): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    request.on("end", () => {
      const status = answer(received.length);
      received.push({ method: request.method!, contentType: request.headers["content-type"], body: JSON.parse(text) });
      if (status !== "hang") response.writeHead(status).end("ok");
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook/secret-token`, received };
}

const fast = { timeoutMs: 300, backoffMs: [10, 20] };

describe("deliverWebhook", () => {
  it("POSTs the payload as JSON once when the receiver takes it", async () => {
    const { url, received } = await receiver(() => 200);
    expect(await deliverWebhook(url, { text: "hi", n: 1 }, fast)).toEqual({ ok: true, status: 200, error: null, attempts: 1 });
    expect(received).toEqual([{ method: "POST", contentType: "application/json", body: { text: "hi", n: 1 } }]);
  });

  it("retries 5xx and 429 until an attempt succeeds", async () => {
    const { url, received } = await receiver((n) => [503, 429, 204][n]!);
    expect(await deliverWebhook(url, { text: "x" }, fast)).toEqual({ ok: true, status: 204, error: null, attempts: 3 });
    expect(received).toHaveLength(3);
  });

  it("gives up after three attempts and says why", async () => {
    const { url, received } = await receiver(() => 500);
    expect(await deliverWebhook(url, {}, fast)).toEqual({ ok: false, status: 500, error: "the webhook answered HTTP 500", attempts: 3 });
    expect(received).toHaveLength(3);
  });

  it("does not retry a payload the receiver refused", async () => {
    const { url, received } = await receiver(() => 400);
    expect(await deliverWebhook(url, {}, fast)).toEqual({ ok: false, status: 400, error: "the webhook answered HTTP 400", attempts: 1 });
    expect(received).toHaveLength(1);
  });

  it("times each attempt out", async () => {
    const { url, received } = await receiver(() => "hang");
    const started = Date.now();
    expect(await deliverWebhook(url, {}, { timeoutMs: 200, backoffMs: [10] })).toEqual({ ok: false, status: null, error: "no answer within 0.2 s", attempts: 3 });
    expect(received).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("reports an unreachable webhook without its URL", async () => {
    const { url } = await receiver(() => 200);
    server!.close();
    server = undefined;
    const result = await deliverWebhook(url, {}, fast);
    expect(result).toMatchObject({ ok: false, status: null, attempts: 3 });
    expect(result.error).toBe("the webhook could not be reached: ECONNREFUSED");
  });

  it("stops at once when the signal aborts (shutdown)", async () => {
    const { url } = await receiver(() => "hang");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    const result = await deliverWebhook(url, {}, { timeoutMs: 5_000, signal: controller.signal });
    expect(result).toEqual({ ok: false, status: null, error: "not delivered: the server is shutting down", attempts: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
