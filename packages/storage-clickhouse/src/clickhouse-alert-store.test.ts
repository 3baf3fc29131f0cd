import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StoredAlertEvent } from "@skein/storage";
import { collect } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertEventsSql, alertRulesSql } from "./alert-sql.js";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { tableNames } from "./table-names.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

describe("alert SQL", () => {
  const tables = tableNames("skein");
  it("reads the latest version per id; events filtered on that version", () => {
    expect(alertRulesSql(tables)).toMatchSnapshot();
    expect(alertRulesSql(tables, "r'1")).toContain("WHERE id = 'r\\'1'");
    expect(alertEventsSql({ ruleId: "r1", startUnixMs: 1_000, endUnixMs: 2_000, limit: 5 }, tables)).toMatchSnapshot();
    expect(alertEventsSql({ limit: 3 }, tables)).not.toContain("GLOBAL IN");
    expect(alertEventsSql({ endUnixMs: -1, limit: 3 }, tables)).toMatch(/WHERE 0$/);
  });
});

let server: ClickHouseServerProcess;
let storage: ClickHouseStorage;
let dataDir: string;
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  dataDir = await mkdtemp(join(tmpdir(), "skein-ch-alerts-"));
  storage = new ClickHouseStorage({ dataDir, options: { url: server.url, database: freshDatabase(), insertTimeoutMs: 30_000 } });
  await storage.start();
});
afterAll(async () => {
  await storage?.shutdown();
  await killAndDispose([server]);
  await rm(dataDir, { recursive: true, force: true });
});

const HOSTILE = ["'", "\\", "\\'", "\t\n\r", "\u0000", "'); DROP TABLE x; --", "\u{1F600}", "\\x41", "\u007f\u0080", "a".repeat(70_000)];

describe("ClickHouse alert store", () => {
  it("puts, replaces (several times in one ms) and deletes rules; a deleted rule can come back", async () => {
    const alerts = storage.alerts;
    for (let i = 0; i < 5; i++) await alerts.putRule({ id: "r-1", updatedAtUnixMs: 1_000 + i, body: JSON.stringify({ v: i }) });
    await alerts.putRule({ id: "r-0", updatedAtUnixMs: 5, body: "{}" });
    expect(await alerts.listRules()).toEqual([
      { id: "r-0", updatedAtUnixMs: 5, body: "{}" },
      { id: "r-1", updatedAtUnixMs: 1_004, body: '{"v":4}' },
    ]);
    expect(await alerts.getRule("r-1")).toEqual({ id: "r-1", updatedAtUnixMs: 1_004, body: '{"v":4}' });
    expect(await alerts.getRule("nope")).toBeUndefined();
    expect(await alerts.deleteRule("r-1")).toBe(true);
    expect(await alerts.deleteRule("r-1")).toBe(false);
    expect(await alerts.deleteRule("never")).toBe(false);
    expect(await alerts.getRule("r-1")).toBeUndefined();
    expect((await alerts.listRules()).map((r) => r.id)).toEqual(["r-0"]);
    await alerts.putRule({ id: "r-1", updatedAtUnixMs: 9, body: "back" });
    expect(await alerts.getRule("r-1")).toEqual({ id: "r-1", updatedAtUnixMs: 9, body: "back" });
  });

  it("keeps hostile bodies and rule ids byte for byte", async () => {
    for (const [i, body] of HOSTILE.entries()) {
      await storage.alerts.putRule({ id: `h-${i}`, updatedAtUnixMs: i, body });
      await storage.alerts.appendEvent({ id: `he-${i}`, ruleId: body.slice(0, 64), timeUnixMs: 10 + i, body });
    }
    for (const [i, body] of HOSTILE.entries()) {
      expect((await storage.alerts.getRule(`h-${i}`))?.body).toBe(body);
      const events = (await collect(storage.alerts.findEvents({ ruleId: body.slice(0, 64), limit: 10 }))).flat();
      expect(events.filter((e) => e.id.startsWith("he-"))).toEqual([{ id: `he-${i}`, ruleId: body.slice(0, 64), timeUnixMs: 10 + i, body }]);
    }
  });

  it("finds events newest first (ties by id descending), filtered by rule and inclusive times; a re-appended id shows once, as last written", async () => {
    const event = (id: string, ruleId: string, timeUnixMs: number, body = `{"id":"${id}"}`): StoredAlertEvent => ({ id, ruleId, timeUnixMs, body });
    const alerts = storage.alerts;
    await alerts.appendEvent(event("e1", "ra", 100));
    await alerts.appendEvent(event("e2", "ra", 200));
    await alerts.appendEvent(event("e3", "rb", 200));
    await alerts.appendEvent(event("e4", "ra", 300));
    await alerts.appendEvent(event("e4", "ra", 300)); // the same again
    await alerts.appendEvent(event("e5", "rb", 150));
    await alerts.appendEvent(event("e5", "ra", 250, "moved")); // replaced: another rule and time
    const find = async (q: Parameters<typeof alerts.findEvents>[0]) => (await collect(alerts.findEvents(q))).flat().filter((e) => /^e\d$/.test(e.id)).map((e) => e.id);
    expect(await find({ limit: 100 })).toEqual(["e4", "e5", "e3", "e2", "e1"]);
    expect(await find({ ruleId: "ra", limit: 100 })).toEqual(["e4", "e5", "e2", "e1"]);
    expect(await find({ ruleId: "rb", limit: 100 })).toEqual(["e3"]);
    expect(await find({ startUnixMs: 200, endUnixMs: 250, limit: 100 })).toEqual(["e5", "e3", "e2"]);
    expect(await find({ startUnixMs: 140, endUnixMs: 160, limit: 100 })).toEqual([]); // e5's old time
    expect(await find({ ruleId: "ra", limit: 2 })).toEqual(["e4", "e5"]);
    expect(await find({ limit: 0 })).toEqual([]);
    const [moved] = (await collect(alerts.findEvents({ ruleId: "ra", startUnixMs: 250, endUnixMs: 250, limit: 1 }))).flat();
    expect(moved).toEqual(event("e5", "ra", 250, "moved"));
  });
});
