import { StorageClosedError } from "@skein/storage";
import type { StoredAlertEvent } from "@skein/storage";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { collect, withStorage } from "./testdata/temp-storage.js";

function event(id: string, ruleId: string, timeUnixMs: number): StoredAlertEvent {
  return { id, ruleId, timeUnixMs, body: JSON.stringify({ id, state: "firing" }) };
}

describe("duckdb alert store", () => {
  it("puts, replaces, lists by id, gets and deletes rules", async () => {
    await withStorage(async (storage) => {
      const alerts = storage.alerts;
      await alerts.putRule({ id: "b", updatedAtUnixMs: 1, body: '{"v":1}' });
      await alerts.putRule({ id: "a", updatedAtUnixMs: 2, body: "{}" });
      await alerts.putRule({ id: "b", updatedAtUnixMs: 3, body: '{"v":"2 \' --"}' });
      expect(await alerts.listRules()).toEqual([
        { id: "a", updatedAtUnixMs: 2, body: "{}" },
        { id: "b", updatedAtUnixMs: 3, body: '{"v":"2 \' --"}' },
      ]);
      expect(await alerts.getRule("b")).toEqual({ id: "b", updatedAtUnixMs: 3, body: '{"v":"2 \' --"}' });
      expect(await alerts.getRule("zz")).toBeUndefined();
      expect(await alerts.deleteRule("b")).toBe(true);
      expect(await alerts.deleteRule("b")).toBe(false);
      expect((await alerts.listRules()).map((r) => r.id)).toEqual(["a"]);
    });
  });

  it("finds events newest first, ties by id descending, with filters and limit; an id is replaced", async () => {
    await withStorage(async (storage) => {
      const alerts = storage.alerts;
      for (const e of [event("e1", "r1", 10), event("e2", "r2", 20), event("e3", "r1", 20), event("e4", "r1", 30), event("e1", "r1", 5)]) await alerts.appendEvent(e);
      const ids = async (q: Parameters<typeof alerts.findEvents>[0]) => (await collect(alerts.findEvents(q))).map((e) => e.id);
      expect(await ids({ limit: 10 })).toEqual(["e4", "e3", "e2", "e1"]);
      expect(await ids({ limit: 2 })).toEqual(["e4", "e3"]);
      expect(await ids({ ruleId: "r1", limit: 10 })).toEqual(["e4", "e3", "e1"]);
      expect(await ids({ startUnixMs: 20, endUnixMs: 20, limit: 10 })).toEqual(["e3", "e2"]);
      expect(await ids({ limit: 0 })).toEqual([]);
      expect((await collect(alerts.findEvents({ ruleId: "r1", endUnixMs: 5, limit: 1 })))[0]).toEqual(event("e1", "r1", 5));
    });
  });

  it("concurrent writes of one id all succeed; the last call wins", async () => {
    await withStorage(async (storage) => {
      const writes = Array.from({ length: 20 }, (_, i) => [
        storage.alerts.putRule({ id: "same", updatedAtUnixMs: i, body: `{"i":${i}}` }),
        storage.alerts.appendEvent(event("same", "r", i)),
      ]).flat();
      await Promise.all(writes);
      expect(await storage.alerts.getRule("same")).toEqual({ id: "same", updatedAtUnixMs: 19, body: '{"i":19}' });
      expect(await collect(storage.alerts.findEvents({ limit: 10 }))).toEqual([event("same", "r", 19)]);
    });
  });

  it("rules and events survive a restart; writes outside start…shutdown fail with StorageClosedError", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skein-alerts-"));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await withStorage(async (storage) => {
      await storage.alerts.putRule({ id: "r", updatedAtUnixMs: 7, body: "{}" });
      await storage.alerts.appendEvent(event("e", "r", 8));
    }, dir);
    const reopened = new DuckDbStorage({ dataDir: dir });
    await expect(reopened.alerts.putRule({ id: "x", updatedAtUnixMs: 1, body: "{}" })).rejects.toBeInstanceOf(StorageClosedError);
    await withStorage(async (storage) => {
      expect(await storage.alerts.listRules()).toEqual([{ id: "r", updatedAtUnixMs: 7, body: "{}" }]);
      expect(await collect(storage.alerts.findEvents({ limit: 5 }))).toEqual([event("e", "r", 8)]);
    }, dir);
  });
});
