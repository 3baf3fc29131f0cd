import { z } from "zod";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiCallError } from "./api-error.js";
import { sendJson } from "./send-json.js";

afterEach(() => vi.unstubAllGlobals());

const answer = (body: string | null, status: number) => vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => new Response(body, { status }));

describe("sendJson", () => {
  it("sends the body as JSON and checks the answer", async () => {
    const fetchMock = answer(JSON.stringify({ id: "r1" }), 201);
    vi.stubGlobal("fetch", fetchMock);
    expect(await sendJson("POST", "/api/v1/alerts/rules", { name: "x" }, z.object({ id: z.string() }))).toEqual({ id: "r1" });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/v1/alerts/rules");
    expect(init).toMatchObject({ method: "POST", body: '{"name":"x"}', headers: { "content-type": "application/json" } });
  });

  it("accepts an empty 204 without a body or content type", async () => {
    const fetchMock = answer(null, 204);
    vi.stubGlobal("fetch", fetchMock);
    expect(await sendJson("DELETE", "/api/v1/alerts/rules/r1", undefined, null)).toBeUndefined();
    expect(fetchMock.mock.calls[0]![1]!.headers).not.toHaveProperty("content-type");
  });

  it("reports the API's error with its code, an unreadable answer, and no answer", async () => {
    vi.stubGlobal("fetch", answer(JSON.stringify({ error: { code: "SKEIN_ERR_X", message: "window must be 1m to 24h" } }), 400));
    await expect(sendJson("PUT", "/p", {}, null)).rejects.toMatchObject({ kind: "http", status: 400, code: "SKEIN_ERR_X", message: "window must be 1m to 24h" });
    vi.stubGlobal("fetch", answer(JSON.stringify({ other: 1 }), 200));
    await expect(sendJson("POST", "/p", {}, z.object({ id: z.string() }))).rejects.toMatchObject({ kind: "invalid" });
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    await expect(sendJson("POST", "/p", {}, null)).rejects.toBeInstanceOf(ApiCallError);
  });
});
