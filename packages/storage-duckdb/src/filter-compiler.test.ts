import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bytesToHex } from "@skein/model";
import type { Span } from "@skein/model";
import { attribute, compare, evaluateSpanFilter, intrinsic } from "@skein/storage";
import type { SpanFilter } from "@skein/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { compileSpanFilterSql } from "./filter-compiler.js";
import { SqlParams } from "./sql-params.js";
import { attrs, makeSpan, resourceOf, spanId, traceId } from "./testdata/fixtures.js";

// Each span is its own trace, so findTraces returns exactly the spans the filter matches; the
// expected set comes from the reference semantics (evaluateSpanFilter).
const SPANS: Span[] = [
  makeSpan({ attributes: attrs({ code: 500n, method: "GET", ok: false, ratio: 0.5 }), status: { code: 2, message: "boom" }, kind: 2 }),
  makeSpan({ attributes: attrs({ code: 200n, method: "POST", ok: true, ratio: 2.0 }), service: "cart", resource: resourceOf("cart", { region: "eu", code: 1n }) }),
  makeSpan({ attributes: attrs({ code: "500", big: 9_007_199_254_740_993n, nan: Number.NaN, e: null, "a/b": "x" }), kind: 3, name: "SELECT %_" }),
  makeSpan({ attributes: attrs({ ratio: 500.0, big: 9_007_199_254_740_992.0, list: [1n], "it's": "quote'd" }), endTimeUnixNano: 1n }),
  makeSpan({ attributes: attrs({}), resource: resourceOf("edge", { code: 404n, region: "us" }), service: "edge", name: "Ünïcode 𝄞" }),
].map((span, i) => ({ ...span, traceId: traceId(i + 1), spanId: spanId(i + 1), startTimeUnixNano: span.startTimeUnixNano + BigInt(i) }));

const code = (scope: "span" | "resource" | "any") => attribute("code", scope);
const CASES: [string, SpanFilter][] = [
  ["int equals int", compare(code("span"), "=", 500n)],
  ["int equals double", compare(code("span"), "=", 500)],
  ["double equals int", compare(attribute("ratio", "span"), "=", 500n)],
  ["int < fractional double", compare(code("span"), "<", 200.5)],
  ["int > fractional double", compare(code("span"), ">", 200.5)],
  ["int >= -Infinity", compare(code("span"), ">=", Number.NEGATIVE_INFINITY)],
  ["int = -Infinity", compare(code("span"), "=", Number.NEGATIVE_INFINITY)],
  ["int != NaN", compare(code("span"), "!=", Number.NaN)],
  ["NaN attribute != 1", compare(attribute("nan", "span"), "!=", 1)],
  ["NaN attribute < 1", compare(attribute("nan", "span"), "<", 1)],
  ["beyond 2^53 exact", compare(attribute("big", "span"), "=", 9_007_199_254_740_993n)],
  ["double vs unrepresentable bigint", compare(attribute("big", "span"), "<", 9_007_199_254_740_993n)],
  ["string never equals number", compare(code("span"), "=", "500")],
  ["!= skips type mismatch", compare(code("span"), "!=", 200n)],
  ["string order by code point", compare(intrinsic("name"), ">", "Z")],
  ["bool", compare(attribute("ok", "span"), "=", true)],
  ["bool !=", compare(attribute("ok", "span"), "!=", true)],
  ["resource scope", compare(code("resource"), ">=", 1n)],
  ["any scope prefers span", compare(code("any"), "=", 404n)],
  ["any scope falls back", compare(attribute("region", "any"), "=", "us")],
  ["exists empty value", { op: "exists", field: attribute("e", "span") }],
  ["exists any", { op: "exists", field: attribute("region", "any") }],
  ["pointer chars in key", compare(attribute("a/b", "span"), "=", "x")],
  ["quote in key", compare(attribute("it's", "span"), "=", "quote'd")],
  ["regex full match", compare(attribute("method", "span"), "=~", "G.T")],
  ["regex partial is no match", compare(attribute("method", "span"), "=~", "G")],
  ["negated regex", compare(attribute("method", "span"), "!~", "G.*")],
  ["regex on name", compare(intrinsic("name"), "=~", ".*%_")],
  ["duration clamps at 0", compare(intrinsic("duration"), "=", 0n)],
  ["duration >= 250ms", compare(intrinsic("duration"), ">=", 250_000_000)],
  ["status", compare(intrinsic("status"), "=", "error")],
  ["status !=", compare(intrinsic("status"), "!=", "error")],
  ["status regex", compare(intrinsic("status"), "=~", "un.*")],
  ["kind", compare(intrinsic("kind"), "=", "client")],
  ["statusMessage", compare(intrinsic("statusMessage"), "=", "boom")],
  ["service", compare(intrinsic("service"), "=", "cart")],
  ["not of missing", { op: "not", filter: compare(code("span"), "=", 500n) }],
  ["or", { op: "or", filters: [compare(intrinsic("service"), "=", "edge"), compare(attribute("ok", "span"), "=", false)] }],
  ["empty or", { op: "or", filters: [] }],
  ["empty and", { op: "and", filters: [] }],
  ["hostile string is data", compare(intrinsic("name"), "=", "x' OR 1=1; DROP TABLE spans; --")],
  ["array never compares", compare(attribute("list", "span"), "=", 1n)],
];

describe("filter compiler against the reference semantics", () => {
  let dir: string;
  let storage: DuckDbStorage;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "skein-filter-"));
    storage = new DuckDbStorage({ dataDir: dir });
    await storage.start();
    await storage.traces.writer.writeSpans({ spans: SPANS });
  });
  afterAll(async () => {
    await storage.shutdown();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(CASES)("%s", async (_name, spanFilter) => {
    const expected = SPANS.filter((s) => evaluateSpanFilter(s, spanFilter)).map((s) => bytesToHex(s.traceId)).sort();
    const got: string[] = [];
    for await (const chunk of storage.traces.reader.findTraces({ spanFilter, limit: 100 })) got.push(...chunk.map((t) => bytesToHex(t.traceId)));
    expect(got.sort()).toEqual(expected);
    expect(await storage.traces.reader.getServices()).toEqual(["cart", "checkout", "edge"]);
  });
});

describe("emitted SQL", () => {
  it("puts every value in a parameter", () => {
    const params = new SqlParams();
    const sql = compileSpanFilterSql(
      { op: "and", filters: [compare(attribute("http.route", "any"), "=", "'; DROP"), compare(intrinsic("duration"), ">", 1.5), compare(intrinsic("kind"), "=~", "s.*")] },
      params,
    );
    expect(sql).toMatchSnapshot();
    expect(params.values).toEqual(["/a/http.route", "'; DROP", "http.route", "'; DROP", 1n, "s.*"]);
    expect(sql).not.toContain("DROP");
  });

  it("compiles a numeric attribute comparison", () => {
    const params = new SqlParams();
    expect(compileSpanFilterSql(compare(attribute("code", "span"), ">=", 500n), params)).toMatchSnapshot();
    expect(params.values).toEqual(["code", 500n, 500]);
  });
});
