import { SpanKind, StatusCode } from "@skein/model";
import { beforeEach, describe, expect, it } from "vitest";
import { attribute, compare, intrinsic } from "../filter.js";
import type { SpanFilter } from "../filter.js";
import { BASE_TIME_NANO, attrs, makeResource, makeSpan, traceIdOf } from "../testing/fixtures.js";
import type { ConformanceContext } from "./harness.js";
import { itWhen } from "./harness.js";
import { ids, matchingIds } from "./search-helpers.js";

const MS = 1_000_000n;
const S = 1_000_000_000n;

/**
 * Three one-span traces, newest first: 1 checkout POST /pay (error, 2 s, gold), 2 cart GET /cart
 * (10 ms, silver), 3 checkout GET /health (ok, 1 ms, no attributes).
 */
async function writeThreeTraces(ctx: ConformanceContext): Promise<void> {
  await ctx.storage().traces.writer.writeSpans({
    spans: [
      makeSpan({
        traceId: traceIdOf(1), name: "POST /pay", kind: SpanKind.SERVER, startTimeUnixNano: BASE_TIME_NANO + 3n * S, endTimeUnixNano: BASE_TIME_NANO + 5n * S,
        attributes: attrs({ "http.status_code": 500n, "user.tier": "gold", retry: true, ratio: 0.75 }),
        status: { code: StatusCode.ERROR, message: "card declined" },
        resource: makeResource(attrs({ "service.name": "checkout", "deployment.environment": "prod", "host.cpus": 8n })),
      }),
      makeSpan({
        traceId: traceIdOf(2), name: "GET /cart", kind: SpanKind.CLIENT, startTimeUnixNano: BASE_TIME_NANO + 2n * S, endTimeUnixNano: BASE_TIME_NANO + 2n * S + 10n * MS,
        attributes: attrs({ "http.status_code": 200n, "user.tier": "silver", retry: false, ratio: 0.25 }),
        resource: makeResource(attrs({ "service.name": "cart", "deployment.environment": "staging", "host.cpus": 2n })),
      }),
      makeSpan({
        traceId: traceIdOf(3), name: "GET /health", kind: SpanKind.SERVER, startTimeUnixNano: BASE_TIME_NANO + 1n * S, endTimeUnixNano: BASE_TIME_NANO + 1n * S + 1n * MS,
        status: { code: StatusCode.OK, message: "" },
        resource: makeResource(attrs({ "service.name": "checkout" })),
      }),
    ],
  });
}

const attr = (key: string, cmp: Parameters<typeof compare>[1], value: Parameters<typeof compare>[2], scope: "span" | "resource" | "any" = "span"): SpanFilter =>
  compare(attribute(key, scope), cmp, value);

/** findTraces with one condition at a time. */
export function traceSearchTests(ctx: ConformanceContext): void {
  describe("findTraces by single conditions", () => {
    beforeEach(() => writeThreeTraces(ctx));
    const expectMatch = async (filter: SpanFilter | undefined, expected: number[]) => expect(await matchingIds(ctx.storage(), filter)).toEqual(ids(...expected));

    it("without a filter returns all traces, newest first", () => expectMatch(undefined, [1, 2, 3]));
    it("by service", () => expectMatch(compare(intrinsic("service"), "=", "checkout"), [1, 3]));
    it("by service that does not exist", () => expectMatch(compare(intrinsic("service"), "=", "Checkout"), []));
    it("by operation name", () => expectMatch(compare(intrinsic("name"), "=", "GET /cart"), [2]));
    it("by operation name !=", () => expectMatch(compare(intrinsic("name"), "!=", "GET /cart"), [1, 3]));
    it("by status error", () => expectMatch(compare(intrinsic("status"), "=", "error"), [1]));
    it("by status ok", () => expectMatch(compare(intrinsic("status"), "=", "ok"), [3]));
    it("by status message", () => expectMatch(compare(intrinsic("statusMessage"), "=", "card declined"), [1]));
    it("by kind", () => expectMatch(compare(intrinsic("kind"), "=", "client"), [2]));
    it("by min duration (bigint ns, inclusive)", () => expectMatch(compare(intrinsic("duration"), ">=", 10n * MS), [1, 2]));
    it("by max duration (bigint ns, inclusive)", () => expectMatch(compare(intrinsic("duration"), "<=", 10n * MS), [2, 3]));
    it("by duration range", async () => {
      await expectMatch({ op: "and", filters: [compare(intrinsic("duration"), ">", 1n * MS), compare(intrinsic("duration"), "<", 2n * S)] }, [2]);
    });
    it("by duration against a double literal", () => expectMatch(compare(intrinsic("duration"), ">", 1.5e9), [1]));

    describe("attributes", () => {
      itWhen(ctx, ["attributeFilters"], "string attribute", () => expectMatch(attr("user.tier", "=", "gold"), [1]));
      itWhen(ctx, ["attributeFilters"], "string attribute is case-sensitive and exact", async () => {
        await expectMatch(attr("user.tier", "=", "Gold"), []);
        await expectMatch(attr("user.tier", "=", "gol"), []);
      });
      itWhen(ctx, ["attributeFilters"], "int attribute with >=", () => expectMatch(attr("http.status_code", ">=", 500n), [1]));
      itWhen(ctx, ["attributeFilters"], "int attribute against a double literal", () => expectMatch(attr("http.status_code", "=", 200), [2]));
      itWhen(ctx, ["attributeFilters"], "bool attribute", async () => {
        await expectMatch(attr("retry", "=", true), [1]);
        await expectMatch(attr("retry", "=", false), [2]);
      });
      itWhen(ctx, ["attributeFilters"], "double attribute", async () => {
        await expectMatch(attr("ratio", ">", 0.5), [1]);
        await expectMatch(attr("ratio", "=", 0.25), [2]);
        await expectMatch(attr("ratio", "<", 1n), [1, 2]);
      });
      itWhen(ctx, ["attributeFilters"], "resource attribute by scope resource and any, not span", async () => {
        await expectMatch(attr("deployment.environment", "=", "prod", "resource"), [1]);
        await expectMatch(attr("deployment.environment", "=", "prod", "any"), [1]);
        await expectMatch(attr("deployment.environment", "=", "prod", "span"), []);
        await expectMatch(attr("host.cpus", ">", 4n, "resource"), [1]);
      });
      itWhen(ctx, ["attributeFilters"], "a type mismatch is false, not an error", async () => {
        await expectMatch(attr("user.tier", "=", 5n), []);
        await expectMatch(attr("http.status_code", "=", "500"), []);
        await expectMatch(attr("retry", "=", "true"), []);
      });
      itWhen(ctx, ["attributeFilters"], "a missing attribute fails != too", () => expectMatch(attr("user.tier", "!=", "gold"), [2]));
      itWhen(ctx, ["attributeFilters"], "exists", async () => {
        await expectMatch({ op: "exists", field: attribute("user.tier", "span") }, [1, 2]);
        await expectMatch({ op: "exists", field: attribute("host.cpus", "resource") }, [1, 2]);
      });
    });
  });
}
