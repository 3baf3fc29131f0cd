import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UI_CONTENT_SECURITY_POLICY, registerUiRoutes } from "./ui-routes.js";

let dir: string;
let app: FastifyInstance;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "skein-ui-routes-"));
});
afterEach(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

async function appWith(built: boolean): Promise<FastifyInstance> {
  if (built) {
    await mkdir(join(dir, "assets"));
    await writeFile(join(dir, "index.html"), "<!doctype html><title>Skein</title>");
    await writeFile(join(dir, "assets", "index-abc.js"), "console.log(1)");
  }
  app = Fastify();
  app.get("/api/v1/health", async () => ({ status: "ok" }));
  await registerUiRoutes(app, { assetsDir: dir });
  await app.ready();
  return app;
}

describe("UI routes", () => {
  it("serves index.html with the CSP for every page path the client router owns", async () => {
    await appWith(true);
    for (const url of ["/", "/search?service=a", "/trace/0af7651916cd43dd8448eb211c80319c?span=00f067aa0ba902b7", "/logs", "/anything/else"]) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(response.headers["content-security-policy"]).toBe(UI_CONTENT_SECURITY_POLICY);
      expect(response.headers["cache-control"]).toBe("no-cache");
      expect(response.body).toContain("<title>Skein</title>");
    }
  });

  it("serves hashed assets for a year and 404s a missing one as JSON", async () => {
    await appWith(true);
    const asset = await app.inject({ url: "/assets/index-abc.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["cache-control"]).toContain("immutable");
    expect(asset.body).toBe("console.log(1)");
    const missing = await app.inject({ url: "/assets/nope.js" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: "SKEIN_ERR_ROUTE_NOT_FOUND" } });
  });

  it("leaves API paths and non-GET methods to JSON 404s, not the app shell", async () => {
    await appWith(true);
    expect((await app.inject({ url: "/api/v1/health" })).json()).toEqual({ status: "ok" });
    for (const [method, url] of [["GET", "/api/unknown"], ["GET", "/api"], ["POST", "/search"], ["DELETE", "/logs"]] as const) {
      const response = await app.inject({ method, url });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: "SKEIN_ERR_ROUTE_NOT_FOUND" } });
    }
  });

  it("says how to build the UI when it is missing, and the API still works", async () => {
    await appWith(false);
    const page = await app.inject({ url: "/search" });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("npm run build");
    expect((await app.inject({ url: "/api/v1/health" })).statusCode).toBe(200);
  });
});
