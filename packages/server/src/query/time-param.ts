import { InvalidParameterError } from "./errors.js";

const RFC3339 = /^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]{1,9}))?(?:([Zz])|([+-])([0-9]{2}):([0-9]{2}))$/;
const UNIX_MS = /^[0-9]{1,15}$/;
/** Storage keeps UInt64 ns; we stop at 2^63−1 (year 2262) so signed engines agree. */
const MAX_NANOS = (1n << 63n) - 1n;
const NS_PER_MS = 1_000_000n;

/**
 * Parses a time parameter into exact ns since the Unix epoch. Accepts RFC 3339 with an offset
 * (`2026-11-24T10:00:00.123456789Z`, `…+02:00`; the fraction is kept to the ns) or an integer of
 * unix milliseconds. Throws InvalidParameterError naming `name` for anything else, for dates that
 * do not exist (Feb 30, hour 24, leap second 60) and for times before 1970 or after 2262.
 */
export function parseTimeParam(name: string, text: string): bigint {
  const problem = (why = "") =>
    new InvalidParameterError(
      `${name} must be an RFC 3339 timestamp such as 2026-01-02T15:04:05.123456789Z, or unix milliseconds${why}; got ${JSON.stringify(text.slice(0, 64))}`,
    );
  if (UNIX_MS.test(text)) return checkRange(BigInt(text) * NS_PER_MS, problem);
  const m = RFC3339.exec(text);
  if (m === null) throw problem();
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i]));
  const offsetMinutes = m[8] !== undefined ? 0 : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (month! < 1 || month! > 12 || hour! > 23 || minute! > 59 || second! > 59 || Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) {
    throw problem(" (a field is out of range)");
  }
  const date = new Date(0);
  date.setUTCFullYear(year!, month! - 1, day!);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) {
    throw problem(" (no such date)");
  }
  const epochMs = date.getTime() + ((hour! * 60 + minute! - offsetMinutes) * 60 + second!) * 1000;
  const fraction = BigInt((m[7] ?? "").padEnd(9, "0"));
  return checkRange(BigInt(epochMs) * NS_PER_MS + fraction, problem);
}

function checkRange(nanos: bigint, problem: (why?: string) => InvalidParameterError): bigint {
  if (nanos < 0n || nanos > MAX_NANOS) throw problem(" between 1970 and 2262");
  return nanos;
}
