import { describe, expect, it } from "vitest";
import type { AlertEventQuery, StoredAlertEvent, StoredAlertRule } from "../insights.js";
import type { Storage } from "../storage.js";
import { BASE_TIME_NANO, collect } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";

const T = 1_700_000_000_000;
const rule = (id: string, body = JSON.stringify({ id, threshold: 5 }), updatedAtUnixMs = T): StoredAlertRule => ({ id, updatedAtUnixMs, body });
const event = (id: string, ruleId: string, timeUnixMs: number, body = JSON.stringify({ id, state: "firing" })): StoredAlertEvent => ({ id, ruleId, timeUnixMs, body });

/** JSON text of exactly `bytes` UTF-8 bytes, with quotes, escapes, newlines and astral characters in it. */
function jsonOfBytes(bytes: number): string {
  const head = JSON.stringify({ text: "quote \" backslash \\ newline \n tab \t 'single' 日本語 🚀 \u2028", pad: "" });
  const pad = bytes - Buffer.byteLength(head);
  const body = `${head.slice(0, -2)}${"x".repeat(pad)}"}`;
  expect(Buffer.byteLength(body)).toBe(bytes);
  expect(() => JSON.parse(body)).not.toThrow();
  return body;
}

/** Six events of rules r1 and r2; e3 and e4 share a time. */
const EVENTS: StoredAlertEvent[] = [
  event("e1", "r1", T),
  event("e2", "r2", T + 1_000),
  event("e3", "r1", T + 2_000),
  event("e4", "r2", T + 2_000),
  event("e5", "r1", T + 3_000),
  event("e6", "r1", T + 60_000),
];

const find = (storage: Storage, query: Partial<AlertEventQuery> = {}) => collect(storage.alerts.findEvents({ limit: 1000, ...query }));
const eventIds = async (storage: Storage, query: Partial<AlertEventQuery> = {}) => (await find(storage, query)).map((e) => e.id);

/** The alert document store: rules by id, events newest first, bodies verbatim. */
export function alertStoreTests(ctx: ConformanceContext): void {
  describe("alert store", () => {
    const alerts = () => ctx.storage().alerts;

    it("an empty store has no rules and no events", async () => {
      expect(await alerts().listRules()).toEqual([]);
      expect(await alerts().getRule("r1")).toBeUndefined();
      expect(await alerts().deleteRule("r1")).toBe(false);
      expect(await find(ctx.storage())).toEqual([]);
    });

    it("putRule, getRule and listRules by id ascending", async () => {
      const ids = ["b", "a", "B", "_x", "-y", "9", "a-long_ID-0123456789"];
      for (const [i, id] of ids.entries()) await alerts().putRule(rule(id, JSON.stringify({ i }), T + i));
      expect((await alerts().listRules()).map((r) => r.id)).toEqual(["-y", "9", "B", "_x", "a", "a-long_ID-0123456789", "b"]);
      expect(await alerts().getRule("B")).toEqual(rule("B", JSON.stringify({ i: 2 }), T + 2));
      expect(await alerts().getRule("A")).toBeUndefined();
      expect(await alerts().getRule("a%")).toBeUndefined();
    });

    it("putRule with a stored id replaces the rule", async () => {
      await alerts().putRule(rule("r1", '{"v":1}', T));
      await alerts().putRule(rule("r2"));
      await alerts().putRule(rule("r1", '{"v":2}', T + 5));
      expect(await alerts().listRules()).toEqual([rule("r1", '{"v":2}', T + 5), rule("r2")]);
      expect(await alerts().getRule("r1")).toEqual(rule("r1", '{"v":2}', T + 5));
    });

    it("deleteRule removes one rule, true once and then false; its events stay", async () => {
      await alerts().putRule(rule("r1"));
      await alerts().putRule(rule("r2"));
      for (const e of EVENTS) await alerts().appendEvent(e);
      expect(await alerts().deleteRule("r1")).toBe(true);
      expect(await alerts().deleteRule("r1")).toBe(false);
      expect(await alerts().getRule("r1")).toBeUndefined();
      expect((await alerts().listRules()).map((r) => r.id)).toEqual(["r2"]);
      expect(await eventIds(ctx.storage(), { ruleId: "r1" })).toEqual(["e6", "e5", "e3", "e1"]);
    });

    describe("events", () => {
      const appendAll = async () => {
        // Not in time order, so the store must sort.
        for (const e of [EVENTS[3]!, EVENTS[0]!, EVENTS[5]!, EVENTS[2]!, EVENTS[1]!, EVENTS[4]!]) await alerts().appendEvent(e);
      };

      it("newest first, ties by id descending, bodies and fields kept", async () => {
        await appendAll();
        expect(await eventIds(ctx.storage())).toEqual(["e6", "e5", "e4", "e3", "e2", "e1"]);
        expect(await find(ctx.storage(), { ruleId: "r2" })).toEqual([EVENTS[3], EVENTS[1]]);
      });

      it("ruleId filter, including one without events", async () => {
        await appendAll();
        expect(await eventIds(ctx.storage(), { ruleId: "r1" })).toEqual(["e6", "e5", "e3", "e1"]);
        expect(await eventIds(ctx.storage(), { ruleId: "r3" })).toEqual([]);
        expect(await eventIds(ctx.storage(), { ruleId: "r" })).toEqual([]);
      });

      it("inclusive startUnixMs and endUnixMs, alone and together", async () => {
        await appendAll();
        expect(await eventIds(ctx.storage(), { startUnixMs: T + 2_000 })).toEqual(["e6", "e5", "e4", "e3"]);
        expect(await eventIds(ctx.storage(), { endUnixMs: T + 2_000 })).toEqual(["e4", "e3", "e2", "e1"]);
        expect(await eventIds(ctx.storage(), { startUnixMs: T + 1_000, endUnixMs: T + 3_000 })).toEqual(["e5", "e4", "e3", "e2"]);
        expect(await eventIds(ctx.storage(), { startUnixMs: T + 1_001, endUnixMs: T + 2_999 })).toEqual(["e4", "e3"]);
        expect(await eventIds(ctx.storage(), { startUnixMs: T + 1_000, endUnixMs: T + 3_000, ruleId: "r1" })).toEqual(["e5", "e3"]);
        expect(await eventIds(ctx.storage(), { startUnixMs: T + 61_000 })).toEqual([]);
      });

      it("limit keeps the newest, and may exceed what is stored", async () => {
        await appendAll();
        expect(await eventIds(ctx.storage(), { limit: 1 })).toEqual(["e6"]);
        expect(await eventIds(ctx.storage(), { limit: 3 })).toEqual(["e6", "e5", "e4"]);
        expect(await eventIds(ctx.storage(), { limit: 2, ruleId: "r2" })).toEqual(["e4", "e2"]);
        expect(await eventIds(ctx.storage(), { limit: 100 })).toHaveLength(6);
      });

      it("an event id appended twice is replaced", async () => {
        await appendAll();
        const replacement = event("e2", "r1", T + 4_000, '{"state":"resolved"}');
        await alerts().appendEvent(replacement);
        expect(await eventIds(ctx.storage())).toEqual(["e6", "e2", "e5", "e4", "e3", "e1"]);
        expect((await find(ctx.storage(), { ruleId: "r1", limit: 2 }))[1]).toEqual(replacement);
        expect(await eventIds(ctx.storage(), { ruleId: "r2" })).toEqual(["e4"]);
      });
    });

    it("bodies are kept verbatim: unicode, quotes, newlines, a 64 KiB rule and a 256 KiB event", async () => {
      const small = JSON.stringify({ text: "it's \"quoted\"\n\\n 🚀 日本語 \u0001 ' OR 1=1; --" });
      const bigRule = jsonOfBytes(64 * 1024);
      const bigEvent = jsonOfBytes(256 * 1024);
      await alerts().putRule(rule("small", small));
      await alerts().putRule(rule("big", bigRule));
      await alerts().appendEvent(event("small", "small", T, small));
      await alerts().appendEvent(event("big", "big", T + 1, bigEvent));
      expect((await alerts().getRule("small"))?.body).toBe(small);
      expect((await alerts().getRule("big"))?.body).toBe(bigRule);
      expect((await alerts().listRules()).map((r) => r.body)).toEqual([bigRule, small]);
      expect((await find(ctx.storage())).map((e) => e.body)).toEqual([bigEvent, small]);
    });

    it("deleteBefore keeps alert rules and events", async () => {
      await alerts().putRule(rule("r1", undefined, 0));
      await alerts().appendEvent(event("old", "r1", 0));
      await ctx.storage().deleteBefore(BASE_TIME_NANO * 2n);
      expect(await alerts().getRule("r1")).toEqual(rule("r1", undefined, 0));
      expect(await eventIds(ctx.storage())).toEqual(["old"]);
    });

    const persisted = "rules, events and their deletions survive shutdown and reopening the same dir";
    it.skipIf(!ctx.options.persistent)(ctx.options.persistent ? persisted : `${persisted} (skipped: adapter is not persistent)`, async () => {
      await alerts().putRule(rule("r1"));
      await alerts().putRule(rule("r2"));
      await alerts().putRule(rule("r2", '{"v":2}', T + 9));
      await alerts().deleteRule("r1");
      for (const e of EVENTS) await alerts().appendEvent(e);
      await ctx.storage().shutdown();
      const reopened = ctx.options.create(ctx.dataDir());
      try {
        await reopened.start();
        expect(await reopened.alerts.listRules()).toEqual([rule("r2", '{"v":2}', T + 9)]);
        expect(await find(reopened)).toEqual([...EVENTS].sort((a, b) => b.timeUnixMs - a.timeUnixMs || (a.id < b.id ? 1 : -1)));
        await reopened.alerts.appendEvent(event("e1", "r2", T + 100_000));
        expect(await eventIds(reopened, { limit: 1 })).toEqual(["e1"]);
        expect(await find(reopened)).toHaveLength(EVENTS.length);
      } finally {
        await reopened.shutdown();
      }
    });

    it("using a shut-down storage's alerts rejects with StorageClosedError", async () => {
      await ctx.storage().shutdown();
      const closed = { code: "SKEIN_ERR_STORAGE_CLOSED" };
      await expect(alerts().listRules()).rejects.toMatchObject(closed);
      await expect(alerts().getRule("r1")).rejects.toMatchObject(closed);
      await expect(alerts().putRule(rule("r1"))).rejects.toMatchObject(closed);
      await expect(alerts().deleteRule("r1")).rejects.toMatchObject(closed);
      await expect(alerts().appendEvent(EVENTS[0]!)).rejects.toMatchObject(closed);
      await expect(find(ctx.storage())).rejects.toMatchObject(closed);
    });
  });
}
