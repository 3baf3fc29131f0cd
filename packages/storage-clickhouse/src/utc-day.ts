// Partition days: the UTC day of a time in ns, as a ClickHouse Date ('YYYY-MM-DD').

const NS_PER_DAY = 86_400_000_000_000n;
const MS_PER_DAY = 86_400_000;

/**
 * The last day a Date column holds on every supported server: 18.16 turns later dates into
 * 0000-00-00, so days after it are stored as this one (a partition retention drops last).
 */
export const MAX_DAY = "2105-12-31";
const MAX_DAY_NUMBER = Date.UTC(2105, 11, 31) / MS_PER_DAY;

const texts = new Map<number, string>();

/** Days since 1970-01-01 of a time in ns, clamped to [0, MAX_DAY]. */
export function dayNumberOf(unixNano: bigint): number {
  if (unixNano <= 0n) return 0;
  const day = Number(unixNano / NS_PER_DAY);
  return day > MAX_DAY_NUMBER ? MAX_DAY_NUMBER : day;
}

/** 'YYYY-MM-DD' of a day number (memoized: a write touches few days). */
export function dayText(dayNumber: number): string {
  let text = texts.get(dayNumber);
  if (text === undefined) {
    text = new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
    if (texts.size > 10_000) texts.clear();
    texts.set(dayNumber, text);
  }
  return text;
}

/** The partition day of a time in ns. */
export function utcDayOf(unixNano: bigint): string {
  return dayText(dayNumberOf(unixNano));
}

/** The first ns of a day number. */
export function dayStartUnixNano(dayNumber: number): bigint {
  return BigInt(dayNumber) * NS_PER_DAY;
}
