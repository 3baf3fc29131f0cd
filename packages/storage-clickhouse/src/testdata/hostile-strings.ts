// Hostile strings for the fuzz tests of everything that puts text into SQL or TabSeparated rows.

/** mulberry32: a small seeded PRNG, so that a failing fuzz run can be replayed with its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FRAGMENTS = [
  "'", "''", '"', "\\", "\\'", "\\\\", "\\x", "\\x4", "\\xZZ", "\\0", "\\N", "\\u0000", "'; DROP TABLE fuzz_sentinel; --", "' OR 1=1 --",
  "\\' OR 1=1", "{x:String}", "{x}", "$1", "?", "/*", "*/", "--", "#", ";", "`", "${x}", "%", "_", "\u0000", "\u0007", "\u001b[31m",
  "\u007f", "\u0085", "\u2028", "\ud800", "\udfff", "\udbff\udfff", "🚀", "👩‍👩‍👧", "日本語", "é", "e\u0301", "\ufeff", "\ufffd", "0A", "fF", " ",
];

/** A hostile string: fragments, control characters, random code units (lone surrogates too) and random bytes decoded with replacement. */
export function hostileString(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let s = "";
  const parts = Math.floor(random() * 12);
  for (let i = 0; i < parts; i++) {
    const kind = random();
    if (kind < 0.4) s += pick(FRAGMENTS);
    else if (kind < 0.55) s += String.fromCharCode(Math.floor(random() * 0x20)) + pick(["0", "a", "F", "x", "'"]);
    else if (kind < 0.75) s += String.fromCharCode(Math.floor(random() * 0x10000));
    else if (kind < 0.9) s += new TextDecoder().decode(Uint8Array.from({ length: 1 + Math.floor(random() * 6) }, () => Math.floor(random() * 256)));
    else s += String.fromCodePoint(Math.floor(random() * 0x110000));
  }
  return s;
}
