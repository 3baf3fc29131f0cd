import type { Storage, TraceReader } from "@skein/storage";
import { MemoryStorage } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { QueryService } from "./query-service.js";

describe("QueryService.checkHealth", () => {
  it("resolves while the storage answers", async () => {
    const storage = new MemoryStorage();
    await storage.start();
    await expect(new QueryService(storage).checkHealth()).resolves.toBeUndefined();
    await storage.shutdown();
  });

  it("reports a storage that does not answer in time as unavailable", async () => {
    const hanging = {
      async *getTrace() {
        await new Promise(() => {});
      },
    } as unknown as TraceReader;
    const storage = { kind: "stuck", capabilities: {}, traces: { reader: hanging } } as unknown as Storage;
    const started = Date.now();
    await expect(new QueryService(storage).checkHealth(50)).rejects.toMatchObject({ code: "SKEIN_ERR_STORAGE_UNAVAILABLE" });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
