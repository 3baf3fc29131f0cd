// STUB owned by the query helper: replaced by the real native query API (DESIGN §7).
import type { FastifyInstance } from "fastify";
import type { Storage } from "@skein/storage";

export interface QueryRoutesOptions {
  storage: Storage;
}

/** Registers the native query API (`/api/v1/...`) on a Fastify instance. */
export async function registerQueryRoutes(app: FastifyInstance, options: QueryRoutesOptions): Promise<void> {
  void options;
  app.get("/api/v1/health", async () => ({ status: "ok" }));
}
