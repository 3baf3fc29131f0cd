import { SpanKind, StatusCode } from "@skein/model";
import { describe, expect, it } from "vitest";
import { InvalidFilterError } from "./errors.js";
import { and, attribute, compare, intrinsic } from "./filter.js";
import type { SpanFilter } from "./filter.js";
import { evaluateSpanFilter } from "./span-filter-eval.js";
import { attrs, makeResource, makeSpan } from "./testing/fixtures.js";

const span = makeSpan({
  name: "GET /users/{id}",
  kind: SpanKind.CLIENT,
  startTimeUnixNano: 1_000n,
  endTimeUnixNano: 251_000n,
  status: { code: StatusCode.ERROR, message: "Timeout" },
  attributes: attrs([
    ["http.status_code", 503n],
    ["ratio", 0.5],
    ["big", 9_007_199_254_740_993n],
    ["ok", false],
    ["route", "/users/{id}"],
    ["shared", "from-span"],
    ["nothing", null],
    ["list", ["a"]],
    ["bytes", new Uint8Array([1])],
    ["nan", Number.NaN],
    ["__proto__", "proto"],
  ]),
  resource: makeResource(attrs({ "service.name": "users", region: "eu-west-1", shared: "from-resource", cpus: 4n })),
});
const yes = (f: SpanFilter) => expect(evaluateSpanFilter(span, f), JSON.stringify(f, (_, v) => (typeof v === "bigint" ? `${v}n` : v))).toBe(true);
const no = (f: SpanFilter) => expect(evaluateSpanFilter(span, f), JSON.stringify(f, (_, v) => (typeof v === "bigint" ? `${v}n` : v))).toBe(false);
const a = (key: string, scope: "span" | "resource" | "any" = "span") => attribute(key, scope);

describe("evaluateSpanFilter intrinsics", () => {
  it("service, name and status message are exact, case-sensitive strings", () => {
    yes(compare(intrinsic("service"), "=", "users"));
    no(compare(intrinsic("service"), "=", "Users"));
    yes(compare(intrinsic("name"), "=", "GET /users/{id}"));
    no(compare(intrinsic("name"), "=", "GET"));
    yes(compare(intrinsic("statusMessage"), "=", "Timeout"));
    yes(compare(intrinsic("statusMessage"), "!=", "timeout"));
  });

  it("duration is end − start in ns, against bigint or number", () => {
    yes(compare(intrinsic("duration"), "=", 250_000n));
    yes(compare(intrinsic("duration"), "=", 250_000));
    yes(compare(intrinsic("duration"), ">=", 250_000n));
    no(compare(intrinsic("duration"), ">", 250_000n));
    yes(compare(intrinsic("duration"), "<", 250_000.5));
    no(compare(intrinsic("duration"), "<", 249_999.5));
  });

  it("a negative duration counts as 0", () => {
    const skewed = makeSpan({ startTimeUnixNano: 10n, endTimeUnixNano: 5n });
    expect(evaluateSpanFilter(skewed, compare(intrinsic("duration"), "=", 0n))).toBe(true);
  });

  it("status and kind compare by lowercase name", () => {
    yes(compare(intrinsic("status"), "=", "error"));
    no(compare(intrinsic("status"), "=", "ok"));
    yes(compare(intrinsic("status"), "!=", "unset"));
    yes(compare(intrinsic("kind"), "=", "client"));
    no(compare(intrinsic("kind"), "=", "server"));
  });
});

describe("evaluateSpanFilter attributes", () => {
  it("int and double compare by exact value across types", () => {
    yes(compare(a("http.status_code"), ">=", 500n));
    yes(compare(a("http.status_code"), "=", 503));
    yes(compare(a("http.status_code"), "<", 503.5));
    yes(compare(a("ratio"), "=", 0.5));
    yes(compare(a("ratio"), "<", 1n));
    no(compare(a("ratio"), "=", 0n));
    // 9007199254740993 is not a double: it differs from the nearest double 9007199254740992.
    no(compare(a("big"), "=", 9_007_199_254_740_992));
    yes(compare(a("big"), ">", 9_007_199_254_740_992));
    yes(compare(a("big"), "=", 9_007_199_254_740_993n));
  });

  it("NaN is unequal to everything", () => {
    no(compare(a("nan"), "=", Number.NaN));
    yes(compare(a("nan"), "!=", 1n));
    no(compare(a("nan"), "<", 1));
    no(compare(a("nan"), ">=", 1));
  });

  it("booleans compare with = and != only", () => {
    yes(compare(a("ok"), "=", false));
    yes(compare(a("ok"), "!=", true));
    no(compare(a("ok"), "=", true));
  });

  it("strings order by code point", () => {
    yes(compare(a("route"), ">", "/users"));
    yes(compare(a("route"), "<", "/v"));
    yes(compare(a("route"), "<=", "/users/{id}"));
  });

  it("a type mismatch or a missing key is false, for != as well", () => {
    no(compare(a("http.status_code"), "=", "503"));
    no(compare(a("http.status_code"), "!=", "503"));
    no(compare(a("route"), "=", 1n));
    no(compare(a("ok"), "=", 0n));
    no(compare(a("nothing"), "=", ""));
    no(compare(a("nothing"), "!=", ""));
    no(compare(a("list"), "=", "a"));
    no(compare(a("bytes"), "!=", "x"));
    no(compare(a("missing"), "!=", "x"));
    no(compare(a("missing"), "!~", "x"));
  });

  it("scopes: span, resource, and any (span first, no fallback on mismatch)", () => {
    yes(compare(a("region", "resource"), "=", "eu-west-1"));
    no(compare(a("region", "span"), "=", "eu-west-1"));
    yes(compare(a("region", "any"), "=", "eu-west-1"));
    yes(compare(a("shared", "any"), "=", "from-span"));
    no(compare(a("shared", "any"), "=", "from-resource"));
    yes(compare(a("shared", "resource"), "=", "from-resource"));
    yes(compare(a("service.name", "any"), "=", "users"));
  });

  it("hostile keys are plain data", () => {
    yes(compare(a("__proto__"), "=", "proto"));
    no({ op: "exists", field: a("toString") });
    no({ op: "exists", field: a("constructor", "any") });
    no(compare(a("hasOwnProperty"), "!=", "x"));
  });

  it("exists is true for any present key, empty values included", () => {
    yes({ op: "exists", field: a("nothing") });
    yes({ op: "exists", field: a("list") });
    yes({ op: "exists", field: a("cpus", "resource") });
    no({ op: "exists", field: a("cpus", "span") });
  });
});

describe("evaluateSpanFilter regex and boolean nodes", () => {
  it("=~ is anchored on the whole value", () => {
    yes(compare(a("route"), "=~", "/users/.*"));
    no(compare(a("route"), "=~", "/users"));
    no(compare(a("route"), "=~", "users/\\{id\\}"));
    yes(compare(intrinsic("service"), "=~", "use(rs|r)"));
    yes(compare(intrinsic("service"), "!~", "user"));
    no(compare(a("http.status_code"), "=~", "5.*"));
    yes(compare(intrinsic("service"), "=~", "(?i)USERS"));
  });

  it("regex works on code points", () => {
    const emoji = makeSpan({ name: "🚀" });
    expect(evaluateSpanFilter(emoji, compare(intrinsic("name"), "=~", "."))).toBe(true);
  });

  it("and / or / not, with empty and = true and empty or = false", () => {
    yes(and(compare(intrinsic("service"), "=", "users"), compare(a("ok"), "=", false)));
    no(and(compare(intrinsic("service"), "=", "users"), compare(a("ok"), "=", true)));
    yes({ op: "or", filters: [compare(a("ok"), "=", true), compare(intrinsic("kind"), "=", "client")] });
    yes({ op: "not", filter: compare(intrinsic("service"), "=", "orders") });
    no({ op: "not", filter: { op: "and", filters: [] } });
    no({ op: "or", filters: [] });
  });

  it("throws InvalidFilterError for an invalid regex or a malformed tree", () => {
    expect(() => evaluateSpanFilter(span, compare(a("route"), "=~", "(unclosed"))).toThrow(InvalidFilterError);
    expect(() => evaluateSpanFilter(span, compare(a("route"), "=~", "a)|(b"))).toThrow(InvalidFilterError);
    expect(() => evaluateSpanFilter(span, { op: "xor" } as unknown as SpanFilter)).toThrow(InvalidFilterError);
  });
});
