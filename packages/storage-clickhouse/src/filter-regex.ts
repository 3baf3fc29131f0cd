// A filter regex (validated with @skein/storage's compileFilterRegex: JS syntax with flag `u`,
// RE2's leading `(?i)`/`(?s)`) as the RE2 pattern ClickHouse's match() takes.
import { InvalidFilterError } from "@skein/storage";

/** What `.` matches without the s flag in JS: anything but a line terminator. */
const NOT_LINE_TERMINATOR = "[^\\n\\r\\x{2028}\\x{2029}]";
/** JS `\s` (RE2's `\s` is ASCII only and lacks \v). */
const JS_SPACE = "\\t\\n\\x{b}\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";
/**
 * JS `\S` as the ranges of a class body: everything but JS_SPACE. Inside a class RE2's own `\S`
 * would be its ASCII complement (matching U+00A0, U+FEFF, \v…), and a class cannot hold `[^…]`;
 * ranges also stay right in a negated class (`[^\S]` is JS_SPACE).
 */
const NOT_JS_SPACE =
  "\\x{0}-\\x{8}\\x{e}-\\x{1f}\\x{21}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{fefe}\\x{ff00}-\\x{10ffff}";
const ANY = "[\\x{0}-\\x{10ffff}]";
const MAX_REPEAT = 1000;
/** General categories by their long names (JS accepts both); RE2 knows the short ones. */
const CATEGORIES: Readonly<Record<string, string>> = {
  Other: "C", Control: "Cc", Format: "Cf", Private_Use: "Co", Surrogate: "Cs", Letter: "L", Lowercase_Letter: "Ll", Modifier_Letter: "Lm",
  Other_Letter: "Lo", Titlecase_Letter: "Lt", Uppercase_Letter: "Lu", Mark: "M", Combining_Mark: "M", Spacing_Mark: "Mc", Enclosing_Mark: "Me",
  Nonspacing_Mark: "Mn", Number: "N", Decimal_Number: "Nd", digit: "Nd", Letter_Number: "Nl", Other_Number: "No", Punctuation: "P", punct: "P",
  Connector_Punctuation: "Pc", Dash_Punctuation: "Pd", Close_Punctuation: "Pe", Final_Punctuation: "Pf", Initial_Punctuation: "Pi",
  Other_Punctuation: "Po", Open_Punctuation: "Ps", Symbol: "S", Currency_Symbol: "Sc", Modifier_Symbol: "Sk", Math_Symbol: "Sm", Other_Symbol: "So",
  Separator: "Z", Line_Separator: "Zl", Paragraph_Separator: "Zp", Space_Separator: "Zs",
};
const SHORT_CATEGORIES = new Set([...Object.values(CATEGORIES), "Any"]);

/**
 * The RE2 pattern for match(value, …) that accepts exactly the whole values the JS regex
 * `^(?:pattern)$` (flag `u`, plus the leading flag group) accepts, for the syntax both share:
 * anchored in a group (`a|b` stays inside the anchors), `(?s)` set explicitly (ClickHouse turns
 * it on by default) and `.` spelled as JS means it; `\uXXXX`, `\u{…}`, `\xHH`, `\cX`, `\0` and
 * raw control characters become `\x{…}` (18.16's match() mis-reads `\xHH` in some patterns);
 * JS `\s` and `\S` become their classes (inside a class: their ranges); `[]`, `[^]` and
 * `(?<name>` get RE2 spellings. Patterns must have passed validation; syntax only JS knows
 * reaches RE2 unchanged and fails there (the readers map that refusal to InvalidFilterError).
 * Throws InvalidFilterError for what JS accepts and RE2 refuses and that is easy to see: a
 * repetition count above RE2's 1000, a Unicode property RE2 lacks (`\p{Script=…}` and the
 * general categories, short or long names, are translated).
 */
export function re2Pattern(pattern: string): string {
  const flagGroup = /^\(\?([is]+)\)/.exec(pattern);
  const flags = flagGroup?.[1] ?? "";
  const body = translate(flagGroup === null ? pattern : pattern.slice(flagGroup[0].length), flags.includes("s"));
  return `(?s${flags.includes("i") ? "i" : ""})^(?:${body})$`;
}

function hex(codePoint: number): string {
  return `\\x{${codePoint.toString(16)}}`;
}

function translate(pattern: string, dotAll: boolean): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "\\") {
      const [text, consumed] = translateEscape(pattern, i, inClass);
      out += text;
      i += consumed - 1;
    } else if (c.charCodeAt(0) < 0x20 || c === "\x7f") {
      out += hex(c.charCodeAt(0));
    } else if (inClass) {
      if (c === "]") inClass = false;
      out += c === "[" ? "\\[" : c;
    } else if (c === "[") {
      if (pattern.startsWith("[^]", i)) {
        out += ANY;
        i += 2;
      } else if (pattern.startsWith("[]", i)) {
        out += `[^${ANY.slice(1)}`;
        i += 1;
      } else {
        inClass = true;
        out += c;
        if (pattern[i + 1] === "^") {
          out += "^";
          i++;
        }
      }
    } else if (c === "{") {
      const count = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(i));
      if (count !== null && (Number(count[1]) > MAX_REPEAT || Number(count[2] ?? 0) > MAX_REPEAT)) {
        throw new InvalidFilterError(`regex ${JSON.stringify(pattern)}: ClickHouse (RE2) repeats at most ${MAX_REPEAT} times`);
      }
      out += c;
    } else if (c === ".") {
      out += dotAll ? "." : NOT_LINE_TERMINATOR;
    } else if (c === "(" && pattern.startsWith("(?<", i) && pattern[i + 3] !== "=" && pattern[i + 3] !== "!") {
      out += "(?P<";
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/** One escape starting at `pattern[i]` (a backslash): its RE2 text and how many units it spans. */
function translateEscape(pattern: string, i: number, inClass: boolean): [string, number] {
  const next = pattern[i + 1] ?? "";
  switch (next) {
    case "u": {
      if (pattern[i + 2] === "{") {
        const close = pattern.indexOf("}", i + 3);
        return [hex(Number.parseInt(pattern.slice(i + 3, close), 16)), close - i + 1];
      }
      const unit = Number.parseInt(pattern.slice(i + 2, i + 6), 16);
      const low = /^\\u([0-9a-fA-F]{4})/.exec(pattern.slice(i + 6));
      const lowUnit = low === null ? NaN : Number.parseInt(low[1]!, 16);
      if (unit >= 0xd800 && unit <= 0xdbff && lowUnit >= 0xdc00 && lowUnit <= 0xdfff) {
        return [hex(0x10000 + ((unit - 0xd800) << 10) + (lowUnit - 0xdc00)), 12];
      }
      return [hex(unit), 6];
    }
    case "x":
      return [hex(Number.parseInt(pattern.slice(i + 2, i + 4), 16)), 4];
    case "c":
      return [hex(pattern.charCodeAt(i + 2) % 32), 3];
    case "0":
      return [hex(0), 2];
    case "b":
      return [inClass ? hex(8) : "\\b", 2];
    case "s":
      return [inClass ? JS_SPACE : `[${JS_SPACE}]`, 2];
    case "S":
      return [inClass ? NOT_JS_SPACE : `[^${JS_SPACE}]`, 2];
    case "v":
      return [hex(0xb), 2];
    case "p":
    case "P": {
      const close = pattern.indexOf("}", i + 3);
      return [`\\${next}{${re2Property(pattern.slice(i + 3, close), pattern)}}`, close - i + 1];
    }
    default: {
      // \d \D \w \W \B \f \n \r \t and escaped punctuation mean the same in RE2.
      const codePoint = pattern.codePointAt(i + 1) ?? 0;
      if (codePoint < 0x20 || codePoint === 0x7f) return [hex(codePoint), 2];
      return [`\\${String.fromCodePoint(codePoint)}`, codePoint > 0xffff ? 3 : 2];
    }
  }
}

/** A JS Unicode property (the text inside `\p{…}`) as RE2 names it; InvalidFilterError if RE2 has none. */
function re2Property(property: string, pattern: string): string {
  const [name, value] = property.includes("=") ? property.split("=") : [undefined, property];
  if ((name === "Script" || name === "sc") && /^[A-Za-z_]+$/.test(value!)) return value!;
  const category = CATEGORIES[value!] ?? value!;
  if ((name === undefined || name === "General_Category" || name === "gc") && SHORT_CATEGORIES.has(category)) return category;
  throw new InvalidFilterError(`regex ${JSON.stringify(pattern)}: ClickHouse (RE2) has no Unicode property ${property}`);
}
