import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StoredAlertEvent } from "@skein/storage";
import { collect } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DocumentVersions } from "./alert-rows.js";
import { alertEventBodiesSql, alertEventKeysSql, alertRulesSql, documentVersionSql } from "./alert-sql.js";
import { ClickHouseAlertStore, EVENT_BODIES_PER_QUERY } from "./clickhouse-alert-store.js";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { ClickHouseHandle } from "./clickhouse-handle.js";
import { ClickHouseStorage } from "./clickhouse-storage.js";
import { tableNames } from "./table-names.js";
import { ClickHouseServerProcess } from "./testing/index.js";
import { freshDatabase, killAndDispose } from "./testdata/test-database.js";

describe("alert SQL", () => {
  const tables = tableNames("skein");
  it("reads the latest version per id; events filtered on that version", () => {
    expect(alertRulesSql(tables)).toMatchSnapshot();
    expect(alertRulesSql(tables, "r'1")).toContain("WHERE id = 'r\\'1'");
    expect(documentVersionSql(tables.alertRules, "r'1")).toBe("SELECT toString(max(version)) AS version FROM skein.alert_rules WHERE id = 'r\\'1'");
  });

  it("events in two steps: keys of the page without bodies, then the bodies of those (id, version) pairs only", () => {
    const filtered = alertEventKeysSql({ ruleId: "r1", startUnixMs: 1_000, endUnixMs: 2_000, limit: 5 }, tables);
    expect(filtered).toMatchSnapshot();
    const all = alertEventKeysSql({ limit: 3 }, tables);
    expect(all).toMatchSnapshot();
    for (const keys of [filtered, all]) expect(keys).not.toContain("body");
    expect(all).not.toContain("GLOBAL IN");
    expect(alertEventKeysSql({ endUnixMs: -1, limit: 3 }, tables)).toMatch(/WHERE 0$/);
    expect(alertEventBodiesSql([{ id: "e'1", version: "18446744073709551615" }, { id: "e2", version: "7" }, { id: "e2", version: "9" }], tables)).toMatchSnapshot();
    expect(() => alertEventBodiesSql([], tables)).toThrow(RangeError);
  });
});

describe("DocumentVersions", () => {
  it("above the stored version and the previous one, whatever the clock says; the node in the low bits", () => {
    let now = 1_700_000_000_000;
    const versions = new DocumentVersions({ nowMs: () => now, node: 5 });
    const first = versions.next(0n);
    expect(first).toBe(((BigInt(now) * 1_000_000n) >> 10n << 10n) | 5n);
    const second = versions.next(0n); // same ms: still later
    expect(second).toBeGreaterThan(first);
    now -= 2_000; // the clock goes back
    expect(versions.next(0n)).toBeGreaterThan(second);
    const stored = BigInt(now + 60_000) * 1_000_000n; // another node, 1 min ahead
    const third = versions.next(stored);
    expect(third).toBeGreaterThan(stored);
    expect(third & 1023n).toBe(5n);
    // Two nodes in the same tick differ, so every reader picks the same winner.
    const other = new DocumentVersions({ nowMs: () => now, node: 6 });
    expect(other.next(0n)).not.toBe(new DocumentVersions({ nowMs: () => now, node: 5 }).next(0n));
    expect(() => new DocumentVersions({ node: 1024 })).toThrow(RangeError);
  });
});

let server: ClickHouseServerProcess;
let storage: ClickHouseStorage;
let dataDir: string;
const database = freshDatabase();
const connections: ClickHouseConnection[] = [];
beforeAll(async () => {
  server = await ClickHouseServerProcess.start();
  dataDir = await mkdtemp(join(tmpdir(), "skein-ch-alerts-"));
  storage = new ClickHouseStorage({ dataDir, options: { url: server.url, database, insertTimeoutMs: 30_000 } });
  await storage.start();
});
afterAll(async () => {
  await storage?.shutdown();
  await Promise.all(connections.map((c) => c.close()));
  await killAndDispose([server]);
  await rm(dataDir, { recursive: true, force: true });
});

/** What another node's alert store would see: its own connection to the same database. */
function sharedHandle(): ClickHouseHandle {
  const connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 30_000 });
  connections.push(connection);
  const handle = new ClickHouseHandle();
  handle.current = { connection, tables: tableNames(database) };
  return handle;
}

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

  it("a rule deleted on a node and re-created on another whose clock is 2 s behind comes back (and so do replaced events)", async () => {
    // Two nodes over the same database, each with its own clock: B runs 2 s behind A.
    const t = Date.now();
    const nodeA = new ClickHouseAlertStore(sharedHandle(), { nowMs: () => t, node: 1 });
    const nodeB = new ClickHouseAlertStore(sharedHandle(), { nowMs: () => t - 2_000, node: 2 });
    await nodeA.putRule({ id: "skew", updatedAtUnixMs: t, body: "first" });
    expect(await nodeA.deleteRule("skew")).toBe(true);
    await nodeB.putRule({ id: "skew", updatedAtUnixMs: t - 2_000, body: "again" });
    expect(await storage.alerts.getRule("skew")).toEqual({ id: "skew", updatedAtUnixMs: t - 2_000, body: "again" });
    expect(await nodeA.deleteRule("skew")).toBe(true); // and A, ahead, deletes it again
    expect(await nodeB.getRule("skew")).toBeUndefined();
    await nodeA.appendEvent({ id: "skew-e", ruleId: "skew", timeUnixMs: 1, body: "firing" });
    await nodeB.appendEvent({ id: "skew-e", ruleId: "skew", timeUnixMs: 2, body: "resolved" });
    expect((await collect(storage.alerts.findEvents({ ruleId: "skew", limit: 10 }))).flat()).toEqual([{ id: "skew-e", ruleId: "skew", timeUnixMs: 2, body: "resolved" }]);
  });

  it("pages of more events than one bodies query reads keep their order and bodies", async () => {
    const n = EVENT_BODIES_PER_QUERY * 2 + 3;
    for (let i = 0; i < n; i++) await storage.alerts.appendEvent({ id: `p-${String(i).padStart(4, "0")}`, ruleId: "paged", timeUnixMs: 30 + (i % 7), body: `{"i":${i}}` });
    await storage.alerts.appendEvent({ id: "p-0000", ruleId: "paged", timeUnixMs: 29, body: "replaced" });
    const chunks: StoredAlertEvent[][] = [];
    for await (const chunk of storage.alerts.findEvents({ ruleId: "paged", limit: n })) chunks.push(chunk);
    expect(chunks.map((c) => c.length)).toEqual([EVENT_BODIES_PER_QUERY, EVENT_BODIES_PER_QUERY, 3]);
    const expected = Array.from({ length: n }, (_, i) => ({ id: `p-${String(i).padStart(4, "0")}`, ruleId: "paged", timeUnixMs: i === 0 ? 29 : 30 + (i % 7), body: i === 0 ? "replaced" : `{"i":${i}}` }));
    expected.sort((a, b) => b.timeUnixMs - a.timeUnixMs || (a.id < b.id ? 1 : -1));
    expect(chunks.flat()).toEqual(expected);
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
