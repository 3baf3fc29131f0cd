import { afterEach, describe, expect, it } from "vitest";
import { httpRequest, postOtlp } from "../shared/testdata/http-client.js";
import { fixtureJson } from "../shared/testdata/otlp-fixtures.js";
import { createHarness } from "../shared/testdata/receiver-harness.js";
import { OtlpHttpReceiver } from "./otlp-http-receiver.js";

const APP = "https://shop.example.com";

function preflight(port: number, origin: string) {
  return httpRequest(port, {
    method: "OPTIONS",
    path: "/v1/traces",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-tenant-id" },
  });
}

describe("OtlpHttpReceiver: CORS", () => {
  let receiver: OtlpHttpReceiver | undefined;
  afterEach(() => receiver?.shutdown());

  async function start(corsOrigins: string[]): Promise<number> {
    receiver = new OtlpHttpReceiver({ host: "127.0.0.1", port: 0, maxRequestBytes: 1 << 20, corsOrigins }, createHarness().deps);
    await receiver.start();
    return receiver.port;
  }

  it("answers the preflight of an allowed origin, reflecting the requested headers", async () => {
    const port = await start([APP]);
    const res = await preflight(port, APP);
    expect(res.status).toBe(204);
    expect(res.headers["access-control-allow-origin"]).toBe(APP);
    expect(res.headers["access-control-allow-methods"]).toContain("POST");
    expect(res.headers["access-control-allow-headers"]).toBe("content-type,x-tenant-id");
    const post = await postOtlp(port, "/v1/traces", "application/json", fixtureJson("traces"), { origin: APP });
    expect(post.status).toBe(200);
    expect(post.headers["access-control-allow-origin"]).toBe(APP);
  });

  it("gives no allow-origin to other origins", async () => {
    const port = await start([APP]);
    const res = await preflight(port, "https://evil.example.com");
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    const post = await postOtlp(port, "/v1/traces", "application/json", fixtureJson("traces"), { origin: "https://evil.example.com" });
    expect(post.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it('allows any origin with "*"', async () => {
    const port = await start(["*"]);
    expect((await preflight(port, "https://anything.example.org")).headers["access-control-allow-origin"]).toBe("*");
  });

  it("sends no CORS headers at all by default", async () => {
    const port = await start([]);
    const res = await preflight(port, APP);
    expect(res.status).toBe(405);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
    const post = await postOtlp(port, "/v1/traces", "application/json", fixtureJson("traces"), { origin: APP });
    expect(post.status).toBe(200);
    expect(post.headers["access-control-allow-origin"]).toBeUndefined();
  });
});
