import { describe, expect, it } from "vitest";
import { attribute, compare, intrinsic } from "../filter.js";
import { attrs, collect, makeLog, makeSpan, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { itWhen } from "./harness.js";
import { HOSTILE_STRINGS } from "./fixtures.js";
import { ids, matchingIds } from "./search-helpers.js";

/** Quotes, escapes, LIKE wildcards and SQL fragments are data: each matches exactly itself. */
export function hostileStringTests(ctx: ConformanceContext): void {
  describe("hostile strings are data", () => {
    const writeOnePerString = () =>
      ctx.storage().traces.writer.writeSpans({
        spans: HOSTILE_STRINGS.map((s, i) => makeSpan({ traceId: traceIdOf(i + 1), service: s, name: s, attributes: attrs({ v: s, [s]: "keyed" }), startTimeUnixNano: 1_000n - BigInt(i) })),
      });

    it("as service and operation names", async () => {
      await writeOnePerString();
      for (const [i, s] of HOSTILE_STRINGS.entries()) {
        expect(await matchingIds(ctx.storage(), compare(intrinsic("service"), "=", s)), `service ${JSON.stringify(s)}`).toEqual(ids(i + 1));
        expect(await matchingIds(ctx.storage(), compare(intrinsic("name"), "=", s)), `name ${JSON.stringify(s)}`).toEqual(ids(i + 1));
        const ops = await ctx.storage().traces.reader.getOperations(s);
        expect(ops.map((o) => o.name), `operations of ${JSON.stringify(s)}`).toEqual([s]);
      }
      expect(new Set(await ctx.storage().traces.reader.getServices())).toEqual(new Set(HOSTILE_STRINGS));
      // The trace table survived `'; DROP TABLE spans; --`.
      expect(await matchingIds(ctx.storage())).toHaveLength(HOSTILE_STRINGS.length);
    });

    itWhen(ctx, ["attributeFilters"], "as attribute values and keys", async () => {
      await writeOnePerString();
      for (const [i, s] of HOSTILE_STRINGS.entries()) {
        expect(await matchingIds(ctx.storage(), compare(attribute("v", "span"), "=", s)), `value ${JSON.stringify(s)}`).toEqual(ids(i + 1));
        expect(await matchingIds(ctx.storage(), compare(attribute(s, "span"), "=", "keyed")), `key ${JSON.stringify(s)}`).toEqual(ids(i + 1));
      }
      expect(await matchingIds(ctx.storage(), compare(attribute("v", "span"), "=", "a%"))).toEqual([]);
      expect(await matchingIds(ctx.storage(), compare(attribute("v", "span"), "=", "a_b"))).toEqual(ids(HOSTILE_STRINGS.indexOf("a_b") + 1));
    });

    it("in log bodyContains: literal, case-insensitive substring", async () => {
      const bodies = ["100% done", "100 percent done", "snake_case", "snakeXcase", "C:\\temp\\x", "O'Reilly said \"hi\"", "'; DROP TABLE logs; --", "Hello World", "rocket 🚀 launch", "日本語のログ"];
      await ctx.storage().logs.writer.writeLogs({ logs: bodies.map((body, i) => makeLog({ body, timeUnixNano: 1_000n + BigInt(i) })) });
      const search = async (bodyContains: string) => (await collect(ctx.storage().logs.reader.findLogs({ bodyContains, limit: 100 }))).map((l) => l.body).sort();
      expect(await search("%")).toEqual(["100% done"]);
      expect(await search("0%")).toEqual(["100% done"]);
      expect(await search("_")).toEqual(["snake_case"]);
      expect(await search("e_c")).toEqual(["snake_case"]);
      expect(await search("\\")).toEqual(["C:\\temp\\x"]);
      expect(await search("'")).toEqual(["'; DROP TABLE logs; --", "O'Reilly said \"hi\""].sort());
      expect(await search('"hi"')).toEqual(["O'Reilly said \"hi\""]);
      expect(await search("drop table")).toEqual(["'; DROP TABLE logs; --"]);
      expect(await search("hello WORLD")).toEqual(["Hello World"]);
      expect(await search("🚀")).toEqual(["rocket 🚀 launch"]);
      expect(await search("本語")).toEqual(["日本語のログ"]);
      expect(await search("percent%")).toEqual([]);
      expect(await collect(ctx.storage().logs.reader.findLogs({ limit: 100 }))).toHaveLength(bodies.length);
    });

    it("in log service", async () => {
      await ctx.storage().logs.writer.writeLogs({ logs: HOSTILE_STRINGS.map((s, i) => makeLog({ service: s, body: `log ${i}` })) });
      for (const [i, s] of HOSTILE_STRINGS.entries()) {
        const found = await collect(ctx.storage().logs.reader.findLogs({ service: s, limit: 100 }));
        expect(found.map((l) => l.body), `service ${JSON.stringify(s)}`).toEqual([`log ${i}`]);
      }
    });
  });
}
