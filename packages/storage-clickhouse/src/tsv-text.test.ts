import { HOSTILE_STRINGS } from "@skein/storage/testing";
import { describe, expect, it } from "vitest";
import { sqlLiteral } from "./sql-literal.js";
import { tsvLine, tsvString, tsvStringArray, tsvStringValue } from "./tsv-text.js";
import { wellFormed } from "./well-formed.js";

// What ClickHouse makes of these fields is tested against a real server in rows-round-trip.test.ts.

const NASTY = [
  ...HOSTILE_STRINGS, "", "\t", "\n", "\r\n", "\u0000", "a\u0000b", "\\N", "\\", "\\\\t", "'", "\\'", "[", "]", "['a','b']", ",", "{}", "\u007f", "\u0085",
  "\u2028", "é", "🚀", "\ud800", "x\udc00y", "\ud83d\ude80", "\u0001\u001f", "\\x41", "x".repeat(100_000) + "\t\n",
];

function randomString(random: () => number): string {
  let s = "";
  const length = Math.floor(random() * 12);
  for (let i = 0; i < length; i++) {
    const pick = random();
    s += pick < 0.5 ? String.fromCharCode(Math.floor(random() * 0x80)) : pick < 0.9 ? String.fromCharCode(Math.floor(random() * 0x10000)) : "\\'\t\n"[Math.floor(random() * 4)];
  }
  return s;
}

/** mulberry32: a fixed sequence, so a failure reproduces. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("TSV fields", () => {
  it("a String field is sqlLiteral's escaping without the quotes, for every UTF-16 unit (the fast path included)", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const s = `a${String.fromCharCode(c)}`;
      expect(tsvString(s), `U+${c.toString(16)}`).toBe(sqlLiteral(s).slice(1, -1));
    }
    for (const s of NASTY) expect(tsvString(s)).toBe(sqlLiteral(s).slice(1, -1));
  });

  it("never holds a raw tab, newline or carriage return, so a row stays one line", () => {
    for (const s of NASTY) expect(tsvString(s)).not.toMatch(/[\t\n\r]/);
    expect(tsvStringArray(NASTY)).not.toMatch(/[\t\n\r]/);
  });

  it("reads back as the well-formed string (hostile and random strings)", () => {
    const random = seeded(5);
    const strings = [...NASTY, ...Array.from({ length: 5_000 }, () => randomString(random))];
    for (const s of strings) expect(tsvStringValue(tsvString(s))).toBe(wellFormed(s));
  });

  it("an Array(String) field is the sqlLiteral quoted elements in brackets", () => {
    expect(tsvStringArray([])).toBe("[]");
    expect(tsvStringArray(["a", "b'c", "d\\e\tf"])).toBe("['a','b\\'c','d\\\\e\\tf']");
  });

  it("a line holds the fields in the order of the columns given, whatever the order of the record", () => {
    expect(tsvLine(["b", "a", "c"] as const, { a: "1", c: "3", b: "2" })).toBe("2\t1\t3");
  });
});
