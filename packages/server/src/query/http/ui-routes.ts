import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { QUERY_API_PREFIX } from "./query-routes.js";

export interface UiRoutesOptions {
  /** The built UI (index.html + assets/), normally `uiAssetsDir` from `@skein/ui/assets-dir`. */
  assetsDir: string;
}

/**
 * What the browser may run and load: only Skein's own scripts and the API on the same origin.
 * Defence in depth behind React's escaping: even a value that somehow became markup could not
 * run a script or load a remote image. Inline styles are allowed (the charts and the waterfall
 * position bars with style attributes).
 */
export const UI_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * Serves the single-page UI on the API server: hashed files under /assets/ (cached for a year),
 * and index.html for every other GET that is not an API path, so /search, /trace/{id} and /logs
 * load the app and the client router takes over. Register after the API routes. If the UI is not
 * built, pages answer 503 saying how to build it; API routes are unaffected.
 */
export async function registerUiRoutes(app: FastifyInstance, options: UiRoutesOptions): Promise<void> {
  const indexFile = join(options.assetsDir, "index.html");
  const built = existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: join(options.assetsDir, "assets"),
      prefix: "/assets/",
      wildcard: true,
      index: false,
      immutable: true,
      maxAge: "365d",
      decorateReply: false,
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?", 1)[0]!;
    const isPage = (request.method === "GET" || request.method === "HEAD") && !isApiPath(path) && !path.startsWith("/assets/");
    if (!isPage) {
      return reply.code(404).send({ error: { code: "SKEIN_ERR_ROUTE_NOT_FOUND", message: `no route for ${request.method} ${path.slice(0, 200)}` } });
    }
    if (!built) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send(`Skein's UI is not built (${indexFile} is missing). Run \`npm run build\` in the Skein checkout, then reload. The API under ${QUERY_API_PREFIX} works without it.\n`);
    }
    return sendIndex(reply, indexFile);
  });
}

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/") || path === "/metrics";
}

async function sendIndex(reply: FastifyReply, indexFile: string): Promise<FastifyReply> {
  const html = await readFile(indexFile);
  return reply
    .code(200)
    .header("cache-control", "no-cache")
    .header("content-security-policy", UI_CONTENT_SECURITY_POLICY)
    .header("x-content-type-options", "nosniff")
    .header("referrer-policy", "no-referrer")
    .type("text/html; charset=utf-8")
    .send(html);
}
