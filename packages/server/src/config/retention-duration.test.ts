import { describe, expect, it } from "vitest";
import { formatRetentionDuration, parseRetentionDuration, retentionDurationHint } from "./retention-duration.js";

describe("retention durations", () => {
  it.each([
    ["7d", 7 * 86_400_000],
    ["24h", 86_400_000],
    ["90m", 5_400_000],
    [" 2 d ", 2 * 86_400_000],
    ["0", 0],
    ["000", 0],
  ])("parses %j", (text, ms) => {
    expect(parseRetentionDuration(text)).toBe(ms);
  });

  it.each(["", "7", "1.5d", "-1d", "7w", "7s", "d", "7dd", "1d2h", "99999999999999999999d", "1M", "30M", "7D", "24H", "90 M"])("refuses %j", (text) => {
    expect(parseRetentionDuration(text)).toBeUndefined();
  });

  it("says why M is refused (a month to some, minutes to others), and nothing for other texts", () => {
    for (const text of ["1M", " 6 M "]) expect(retentionDurationHint(text)).toBe("`M` is ambiguous: write 30d for a month, or 90m for minutes");
    for (const text of ["1m", "7D", "1w", "M"]) expect(retentionDurationHint(text)).toBeUndefined();
  });

  it("formats with the largest exact unit", () => {
    expect(formatRetentionDuration(0)).toBe("0");
    expect(formatRetentionDuration(7 * 86_400_000)).toBe("7d");
    expect(formatRetentionDuration(36 * 3_600_000)).toBe("36h");
    expect(formatRetentionDuration(90 * 60_000)).toBe("90m");
    expect(formatRetentionDuration(1500)).toBe("1500ms");
  });
});
