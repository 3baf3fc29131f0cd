import { apiStatusResponseSchema } from "@skein/model";
import { MemoryStorage } from "@skein/storage/testing";
import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { SKEIN_VERSION } from "../../version.js";
import { registerQueryRoutes } from "./query-routes.js";

let storage = new MemoryStorage();
afterEach(async () => {
  await storage.shutdown();
  storage = new MemoryStorage();
});

async function statusOf(options: Omit<Parameters<typeof registerQueryRoutes>[1], "storage">) {
  await storage.start();
  const app = Fastify({ logger: false });
  await registerQueryRoutes(app, { storage, ...options });
  const response = await app.inject({ url: "/api/v1/status" });
  const refused = await app.inject({ url: "/api/v1/status?x=1" });
  await app.close();
  return { status: response.statusCode, body: apiStatusResponseSchema.parse(response.json()), refused: refused.statusCode };
}

describe("GET /api/v1/status", () => {
  it("reports the version, the storage kind and the OTLP ports really bound", async () => {
    const result = await statusOf({ status: { version: "9.9.9", otlpHttpPort: 43181, otlpGrpcPort: null } });
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ version: "9.9.9", storage: "memory", ingest: { otlpHttpPort: 43181, otlpGrpcPort: null } });
    expect(result.refused).toBe(400);
  });

  it("reports the package version and no ports when the caller gives none", async () => {
    const result = await statusOf({});
    expect(result.body).toEqual({ version: SKEIN_VERSION, storage: "memory", ingest: { otlpHttpPort: null, otlpGrpcPort: null } });
    expect(SKEIN_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
