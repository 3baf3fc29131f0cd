import { InvalidFilterError } from "@skein/storage";
import { describe, expect, it } from "vitest";
import { re2Pattern } from "./filter-regex.js";

// What the translation does; that ClickHouse then matches exactly what the reference's JS regex
// matches is checked on a real server in filter-compiler.test.ts ("re2Pattern on a real server").
describe("re2Pattern", () => {
  it.each([
    ["anchors in a group, with (?s) explicit", "a|b", "(?s)^(?:a|b)$"],
    ["keeps a leading flag group as flags", "(?i)abc", "(?si)^(?:abc)$"],
    ["`.` excludes JS line terminators without s", "a.b", "(?s)^(?:a[^\\n\\r\\x{2028}\\x{2029}]b)$"],
    ["`.` is any character with s", "(?is)a.b", "(?si)^(?:a.b)$"],
    ["a `.` in a class stays literal", "[.]", "(?s)^(?:[.])$"],
    ["\\u, \\u{…}, surrogate pairs, \\x, \\c, \\0 become \\x{…}", "\\u0041\\u{1F680}\\uD83D\\uDE80\\x41\\cJ\\0", "(?s)^(?:\\x{41}\\x{1f680}\\x{1f680}\\x{41}\\x{a}\\x{0})$"],
    ["raw control characters become \\x{…}", "a\u0000\nb", "(?s)^(?:a\\x{0}\\x{a}b)$"],
    ["JS \\s and \\S", "\\s[\\s]\\S", "(?s)^(?:[\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}][\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}][^\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}])$"],
    ["\\b is a word boundary outside a class and backspace inside", "\\b[\\b]", "(?s)^(?:\\b[\\x{8}])$"],
    ["empty and negated-empty classes", "[]|[^]", "(?s)^(?:[^\\x{0}-\\x{10ffff}]|[\\x{0}-\\x{10ffff}])$"],
    ["a `[` in a class is escaped (RE2 would read [:…:])", "[[:a]", "(?s)^(?:[\\[:a])$"],
    ["named groups in RE2's spelling", "(?<w>a)(?:b)(?=)", "(?s)^(?:(?P<w>a)(?:b)(?=))$"],
    ["escaped punctuation and classes unchanged", "\\.\\-\\/\\d\\w\\p{L}", "(?s)^(?:\\.\\-\\/\\d\\w\\p{L})$"],
  ])("%s", (_, pattern, expected) => {
    expect(re2Pattern(pattern)).toBe(expected);
  });
});

describe("re2Pattern and JS \\S inside a class", () => {
  /** The RE2 class the translation emits, read back as a JS regex (RE2's `\x{…}` is JS's `\u{…}`). */
  const asJs = (pattern: string) => new RegExp(re2Pattern(pattern).replace(/^\(\?s\)/, "").replaceAll("\\x{", "\\u{"), "u");

  it("spells out JS's \\S (not RE2's ASCII one), so [\\S] and [^\\S] agree with JS on every code point", () => {
    const [inClass, negated] = [asJs("[\\S]"), asJs("[^\\S]")];
    const [jsNotSpace, jsSpace] = [/^[\S]$/u, /^[^\S]$/u];
    const differ: string[] = [];
    for (let codePoint = 0; codePoint <= 0x10ffff; codePoint++) {
      if (codePoint === 0xd800) codePoint = 0xe000; // no lone surrogates in stored strings
      const c = String.fromCodePoint(codePoint);
      if (inClass.test(c) !== jsNotSpace.test(c) || negated.test(c) !== jsSpace.test(c)) differ.push(codePoint.toString(16));
    }
    expect(differ).toEqual([]);
    expect(re2Pattern("[\\S]")).not.toContain("\\S");
  });
});

describe("re2Pattern and what RE2 lacks", () => {
  it("translates Unicode properties to RE2's names", () => {
    expect(re2Pattern("\\p{Script=Greek}\\P{sc=Latin}\\p{Letter}\\p{gc=Lu}\\p{General_Category=Decimal_Number}\\p{Any}")).toBe("(?s)^(?:\\p{Greek}\\P{Latin}\\p{L}\\p{Lu}\\p{Nd}\\p{Any})$");
  });

  it("refuses properties RE2 lacks and repetitions beyond 1000 with InvalidFilterError", () => {
    for (const pattern of ["\\p{Emoji}", "\\p{Script_Extensions=Greek}", "a{1001}", "a{2,5000}"]) {
      expect(() => re2Pattern(pattern), pattern).toThrow(InvalidFilterError);
    }
    expect(re2Pattern("a{1000}[{5000}]\\{5000}")).toBe("(?s)^(?:a{1000}[{5000}]\\{5000})$");
  });
});
