import { bytesToHex } from "@skein/model";
import type { AnyValue, Span, SpanKind, StatusCode } from "@skein/model";
import { InvalidFilterError, attribute, compare, compileFilterRegex, evaluateSpanFilter, intrinsic } from "@skein/storage";
import type { Comparison, FilterValue, SpanFilter } from "@skein/storage";
import { HOSTILE_STRINGS, attrs, makeResource, makeSpan, spanIdOf } from "@skein/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ClickHouseConnection } from "./clickhouse-connection.js";
import { encodeSpanWrite, qualifiedTable } from "./encoded-write.js";
import { compileSpanFilter } from "./filter-compiler.js";
import { PARSE_ERROR_ULPS, doubleIndex } from "./filter-numbers.js";
import { re2Pattern } from "./filter-regex.js";
import { migrate } from "./migrations.js";
import { sqlLiteral } from "./sql-literal.js";
import { tableNames } from "./table-names.js";
import type { TableNames } from "./table-names.js";
import { freshDatabase } from "./testdata/test-database.js";
import { ClickHouseServerProcess } from "./testing/index.js";

function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  view.setBigInt64(0, view.getBigInt64(0) + (x > 0 ? 1n : -1n));
  return view.getFloat64(0);
}
const nextDown = (x: number) => -nextUp(-x);

// Values chosen where exactness is at stake: int/double boundaries, doubles that ClickHouse's
// own text parsing gets wrong (2.0362214640814284e+262 parses an ulp high; 5e-324 as 0), NaN,
// infinities, signed zero, integers beyond 2^53 and at the ends of Int64.
const DOUBLES = [0, -0, 5e-324, -5e-324, 1e-310, 1e-7, 0.1, 0.5, 1.5, -2.5, 2, 200.5, 500, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, 1e21, 123456789012345680000, 2.0362214640814284e262, -1.115757882126344e-8, 1.7976931348623157e308, -1.7976931348623157e308, Number.NaN, Infinity, -Infinity];
const INTS = [0n, 1n, -1n, -3n, 2n, 200n, 500n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 53n];
const STRINGS = ["", "500", "a", "GET", "Z", "é", "日本", "🚀", ...HOSTILE_STRINGS];
const OTHERS: AnyValue[] = [true, false, null, new Uint8Array([1, 2]), [1n], attrs({ k: 1n })];
const VALUES: AnyValue[] = [...DOUBLES, ...INTS, ...STRINGS, ...OTHERS];

/** Literals: every value compared with every other, plus neighbours and values no attribute can hold. */
const NUMERIC_LITERALS: (bigint | number)[] = [
  ...DOUBLES,
  ...DOUBLES.filter(Number.isFinite).flatMap((d) => [nextUp(d), nextDown(d)]),
  ...INTS.flatMap((i) => [i, i - 1n, i + 1n]),
  2n ** 64n, -(2n ** 63n) - 1n, 10n ** 30n, -(10n ** 30n), 2n ** 1024n, -(2n ** 1024n), 2n ** 63n + 1n, 2n ** 64n + 1n, 9007199254740993n,
  500.5, -3.5, 1e300, -1e300, 2 ** 63 + 4096,
];
const OTHER_LITERALS: FilterValue[] = [...STRINGS, true, false];
const ORDERINGS: Comparison[] = ["=", "!=", "<", "<=", ">", ">="];

/** One span per value: attribute `v` on the span; the resource has `v` (another type) on every third span and `r` on every other one. */
const SPANS: Span[] = VALUES.map((value, i) =>
  makeSpan({
    spanId: spanIdOf(i + 1),
    name: STRINGS[i % STRINGS.length]!,
    kind: (i % 6) as SpanKind,
    status: { code: (i % 3) as StatusCode, message: i % 4 === 0 ? "boom" : "" },
    startTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(i),
    endTimeUnixNano: 1_700_000_000_000_000_000n + BigInt(i) + [0n, 1_000_000n, 5_000_000_000n, -5n][i % 4]!,
    attributes: attrs({ v: value }),
    resource: makeResource(attrs({ "service.name": `svc-${i % 5}`, ...(i % 3 === 0 ? { v: VALUES[(i * 7 + 3) % VALUES.length]! } : {}), ...(i % 2 === 0 ? { r: VALUES[(i * 5 + 1) % VALUES.length]! } : {}) })),
  }),
);

const code = (scope: "span" | "resource" | "any") => attribute("v", scope);
const CASES: [string, SpanFilter][] = [
  ["int equals int", compare(code("span"), "=", 500n)],
  ["int equals double", compare(code("span"), "=", 500)],
  ["int < fractional double", compare(code("span"), "<", 200.5)],
  ["int >= -Infinity", compare(code("span"), ">=", Number.NEGATIVE_INFINITY)],
  ["!= NaN", compare(code("span"), "!=", Number.NaN)],
  ["beyond 2^53 exact", compare(code("span"), "=", 9_007_199_254_740_993n)],
  ["beyond Int64", compare(code("span"), "<", 2n ** 64n)],
  ["string equals", compare(code("span"), "=", "500")],
  ["string order by code point", compare(intrinsic("name"), ">", "Z")],
  ["bool", compare(code("span"), "=", true)],
  ["bool !=", compare(code("span"), "!=", true)],
  ["resource scope", compare(code("resource"), ">=", 1n)],
  ["any scope", compare(code("any"), "=", "a")],
  ["exists span", { op: "exists", field: code("span") }],
  ["exists any", { op: "exists", field: attribute("r", "any") }],
  ["quote in key", compare(attribute("it's", "span"), "=", "quote'd")],
  ["regex full match", compare(code("span"), "=~", "G.T")],
  ["negated regex", compare(code("span"), "!~", "G.*")],
  ["regex on name", compare(intrinsic("name"), "=~", ".*%_")],
  ["duration clamps at 0", compare(intrinsic("duration"), "=", 0n)],
  ["duration >= 250ms as a double", compare(intrinsic("duration"), ">=", 250_000_000)],
  ["duration beyond UInt64", compare(intrinsic("duration"), "<", 2n ** 70n)],
  ["status", compare(intrinsic("status"), "=", "error")],
  ["status !=", compare(intrinsic("status"), "!=", "error")],
  ["status regex", compare(intrinsic("status"), "=~", "un.*")],
  ["kind", compare(intrinsic("kind"), "=", "client")],
  ["kind !~", compare(intrinsic("kind"), "!~", "(?i)SERVER")],
  ["statusMessage", compare(intrinsic("statusMessage"), "=", "boom")],
  ["service", compare(intrinsic("service"), "=", "svc-1")],
  ["not", { op: "not", filter: compare(code("span"), "=", 500n) }],
  ["or", { op: "or", filters: [compare(intrinsic("service"), "=", "svc-2"), compare(code("span"), "=", false)] }],
  ["empty or", { op: "or", filters: [] }],
  ["empty and", { op: "and", filters: [] }],
  ["hostile string is data", compare(intrinsic("name"), "=", "x' OR 1=1; DROP TABLE spans; --")],
  ["array never compares", compare(code("span"), "=", 1n)],
];

/** A seeded mix of nested filters over every scope, for the differential check. */
function randomFilters(count: number, seed: number): SpanFilter[] {
  let state = seed;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const leaf = (): SpanFilter => {
    const field = random() < 0.15 ? intrinsic(pick(["duration", "service", "name", "status", "kind"] as const)) : attribute(pick(["v", "r", "none"]), pick(["span", "resource", "any"] as const));
    if (random() < 0.1) return { op: "exists", field };
    if (field.type === "intrinsic") {
      if (field.name === "duration") return compare(field, pick(ORDERINGS), pick(NUMERIC_LITERALS));
      if (field.name === "status") return compare(field, pick(["=", "!="] as const), pick(["unset", "ok", "error"]));
      if (field.name === "kind") return random() < 0.5 ? compare(field, pick(["=", "!="] as const), pick(["server", "client"])) : compare(field, pick(["=~", "!~"] as const), pick(["c.*", "(?i)SERVER"]));
      return compare(field, pick([...ORDERINGS, "=~", "!~"] as const), pick(STRINGS.filter((s) => !/[(\\[*+?{|)]/.test(s))));
    }
    const value = random() < 0.7 ? pick(NUMERIC_LITERALS) : pick(OTHER_LITERALS);
    const cmp = typeof value === "boolean" ? pick(["=", "!="] as const) : pick(ORDERINGS);
    return compare(field, cmp, value);
  };
  const node = (depth: number): SpanFilter => {
    const r = random();
    if (depth > 2 || r < 0.5) return leaf();
    if (r < 0.65) return { op: "not", filter: node(depth + 1) };
    const filters = Array.from({ length: Math.floor(random() * 4) }, () => node(depth + 1));
    return { op: r < 0.82 ? "and" : "or", filters };
  };
  return Array.from({ length: count }, () => node(0));
}

describe("compileSpanFilter SQL", () => {
  it.each(CASES)("%s", (_, filter) => {
    expect(compileSpanFilter(filter)).toMatchSnapshot();
  });

  it("refuses invalid filters before emitting SQL", () => {
    expect(() => compileSpanFilter(compare(intrinsic("name"), "=~", "(unclosed"))).toThrow(InvalidFilterError);
    expect(() => compileSpanFilter(compare(intrinsic("status"), "<", "error"))).toThrow(InvalidFilterError);
    expect(() => compileSpanFilter({ op: "xor" } as unknown as SpanFilter)).toThrow(InvalidFilterError);
  });

  it("passes every value through sqlLiteral: no raw quote or control character from the input", () => {
    const hostile = "x'\\\u0000\n--/*";
    const sql = compileSpanFilter({ op: "and", filters: [compare(attribute(hostile, "any"), "=", hostile), compare(intrinsic("name"), "=~", hostile.replace(/[\\*]/g, ""))] });
    expect(sql).not.toMatch(/[\u0000\n]/);
    expect(sql).toContain("'x\\'\\\\\\x00\\n--/*'");
  });
});

// One server for the file.
const server = await ClickHouseServerProcess.start();
// kill -9 first: the data is thrown away, and 18.16's graceful stop takes ~8 s.
afterAll(async () => {
  await server.kill();
  await server.dispose();
});

describe("compileSpanFilter against the reference semantics on a real server", () => {
  let connection: ClickHouseConnection;
  let tables: TableNames;

  beforeAll(async () => {
    connection = new ClickHouseConnection({ url: server.url, user: "default", password: "", requestTimeoutMs: 60_000 });
    const database = freshDatabase("skein_filter");
    await migrate([connection], { database });
    tables = tableNames(database);
    const write = encodeSpanWrite(SPANS, 1n);
    for (const part of [...write.side, write.main]) await connection.insertEncoded(qualifiedTable(tables, part.table), part.body);
  });
  afterAll(() => connection?.close());

  /** For each filter, the hex span ids ClickHouse finds (25 filters per query). */
  async function matchingInClickHouse(filters: SpanFilter[]): Promise<string[][]> {
    const found: string[][] = filters.map(() => []);
    for (let start = 0; start < filters.length; start += 25) {
      const batch = filters.slice(start, start + 25);
      const rows = await connection.queryAll<{ span_id: string; m: number[] }>(`SELECT span_id, [${batch.map(compileSpanFilter).join(",\n")}] AS m FROM ${tables.spans}`);
      for (const row of rows) {
        const id = BigInt(row.span_id).toString(16).padStart(16, "0");
        row.m.forEach((hit, j) => hit === 1 && found[start + j]!.push(id));
      }
    }
    return found.map((ids) => ids.sort());
  }

  const expected = (filter: SpanFilter) => SPANS.filter((span) => evaluateSpanFilter(span, filter)).map((span) => bytesToHex(span.spanId)).sort();
  const describeFilter = (filter: SpanFilter) => JSON.stringify(filter, (_, v: unknown) => (typeof v === "bigint" ? `${v}n` : typeof v === "number" && !Number.isFinite(v) ? String(v) : v));

  async function expectReference(filters: SpanFilter[]): Promise<void> {
    const got = await matchingInClickHouse(filters);
    filters.forEach((filter, i) => expect(got[i], describeFilter(filter)).toEqual(expected(filter)));
  }

  it("agrees on the snapshot cases", async () => {
    await expectReference(CASES.map(([, filter]) => filter));
  });

  it("compares every numeric literal with every stored number exactly, int and double alike", async () => {
    await expectReference(NUMERIC_LITERALS.flatMap((value) => ORDERINGS.map((cmp) => compare(attribute("v", "span"), cmp, value))));
  });

  it("compares strings and booleans only with their own type", async () => {
    await expectReference(OTHER_LITERALS.flatMap((value) => (typeof value === "boolean" ? ["=", "!="] as const : ORDERINGS).map((cmp) => compare(attribute("v", "span"), cmp, value))));
  });

  it("agrees on seeded random nested filters over every scope and intrinsic", async () => {
    await expectReference(randomFilters(400, 20_251_124));
  });

  it(`relies on a parse error of at most ${PARSE_ERROR_ULPS} doubles, which holds for 100k random doubles`, async () => {
    let state = 7;
    const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const view = new DataView(new ArrayBuffer(8));
    const lines: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      // Any bits, subnormals, and short decimals, in turn.
      view.setUint32(0, i % 3 === 1 ? Math.floor(random() * 2 ** 32) & 0x800fffff : Math.floor(random() * 2 ** 32));
      view.setUint32(4, Math.floor(random() * 2 ** 32));
      const x = i % 3 === 2 ? Number((random() * 10 ** Math.floor(random() * 40 - 20)).toPrecision(1 + Math.floor(random() * 17))) : view.getFloat64(0);
      if (Number.isFinite(x)) lines.push(`{"t":"${String(x)}","i":"${doubleIndex(x)}"}`);
    }
    const table = `${tables.spans}_parse_check`;
    await connection.command(`CREATE TABLE ${table} (t String, i Int64) ENGINE = Memory`);
    await connection.insertJsonLines(table, lines.join("\n"));
    const bits = "reinterpretAsInt64(reinterpretAsString(toFloat64OrZero(t)))";
    const [row] = await connection.queryAll<{ worst: string; n: string }>(`SELECT max(abs(if(${bits} < 0, -bitAnd(${bits}, 9223372036854775807), ${bits}) - i)) AS worst, count() AS n FROM ${table}`);
    expect(Number(row!.n)).toBe(lines.length);
    expect(BigInt(row!.worst)).toBeLessThanOrEqual(PARSE_ERROR_ULPS);
  });
});

// Patterns in the syntax both engines share, and values that tell their differences apart:
// line terminators for `.`, Unicode spaces for \s, escapes, classes, case folding.
const PATTERNS = [
  "a.b", "(?s)a.b", "a\\.b", ".*", "[^]", "[]", "x[^]y", "a|b", "^a$", "(a|b)+", "a{2,3}", "[a-c]+", "[^a-c]+", "\\d+", "\\w+", "\\s", "\\S+",
  "[\\s]", "[\\sx]", "[\\S]", "[^\\S]", "[\\Sx]", "[\\w\\S]", "[^\\S\\n]", "[\\S\\s]", "[^\\sx]", "\\bab\\b", "[\\b]", "\\u0041", "\\u{1F680}", "\\uD83D\\uDE80", "\\x41b", "\\cJ", "a\\0b", "\\t", "\\v", "\\/", "\\-",
  "\\p{Script=Greek}+", "\\p{Lu}", "\\p{Letter}+", "(?i)ä", "(?i)straße", "(?i)[a-z]+", "(?is)A.B", "(?<word>a)b", "\\p{L}+", "\\P{L}", "日本-.+", "🚀", ".", "..", "a\nb", "a*?b", "(?:ab)?",
  "\\[x\\]", "[\\]]", "[[]", "\\$", "a\\+", "\\{", "%_", "'; DROP TABLE x; --",
];
const SUBJECTS = [
  "", "a", "b", "ab", "aab", "aaa", "abc", "a.b", "axb", "a\nb", "a\rb", "a\u2028b", "a\u2029b", "a\u0085b", "a\u0000b", "A", "Ab", "ä", "Ä", "STRASSE",
  "straße", "STRAßE", "A\nB", "x\ny", "\n", "\r", " ", "\u00a0", "\u2003", "\ufeff", "\t", "\u000b", "\f", "\b", "12", "x", "🚀", "😀", "日本-api",
  "/", "-", "é", "e\u0301", "Ωμέγα", "Ω", "[x]", "]", "[", "$", "a+", "{", "%_", "'; DROP TABLE x; --", "\ud800",
];

describe("re2Pattern on a real server", () => {
  it("matches whole values exactly as the reference's JS regex does", async () => {
    const patterns = PATTERNS.filter((p) => {
      compileFilterRegex(p); // every pattern here is valid: a typo must fail the test, not shrink it
      return true;
    });
    const values = `[${SUBJECTS.map(sqlLiteral).join(", ")}]`;
    const sql = `SELECT ${patterns.map((p) => `arrayMap(v -> match(v, ${sqlLiteral(re2Pattern(p))}), ${values})`).join(",\n")} FORMAT JSONCompact`;
    const response = await fetch(`${server.url}/`, { method: "POST", body: sql });
    const text = await response.text();
    expect(response.ok, text).toBe(true);
    const [row] = (JSON.parse(text) as { data: number[][][] }).data;
    patterns.forEach((pattern, i) => {
      const regex = compileFilterRegex(pattern);
      const wellFormed = (s: string) => (s as unknown as { toWellFormed(): string }).toWellFormed();
      const expected = SUBJECTS.map((s) => (regex.test(wellFormed(s)) ? 1 : 0));
      expect(row![i], `${JSON.stringify(pattern)} as ${JSON.stringify(re2Pattern(pattern))} over ${JSON.stringify(SUBJECTS)}`).toEqual(expected);
    });
  });
});
