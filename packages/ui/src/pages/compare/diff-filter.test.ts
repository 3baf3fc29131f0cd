import type { ApiTraceDiffEntry } from "@skein/model/api";
import { describe, expect, it } from "vitest";
import { countStatuses, readShownStatuses, visibleEntries, writeShownStatuses } from "./diff-filter.js";

const entry = (path: string, depth: number, status: ApiTraceDiffEntry["status"]): ApiTraceDiffEntry => ({
  path, depth, status, service: "s", operation: path, aSpanId: null, bSpanId: null, aDurationNano: null, bDurationNano: null, deltaNano: null,
});

// root ─ a (unchanged) ─ a1 (slower)
//      ├ b (missing)
//      └ c (added) ─ c1 (added)
const ENTRIES = [entry("root", 0, "unchanged"), entry("a", 1, "unchanged"), entry("a1", 2, "slower"), entry("b", 1, "missing"), entry("c", 1, "added"), entry("c1", 2, "added")];
const shownPaths = (list: ReturnType<typeof visibleEntries>) => list.map(({ entry, context }) => `${entry.path}${context ? "(ctx)" : ""}`);

describe("diff filters", () => {
  it("reads and writes ?show=", () => {
    expect([...readShownStatuses(null)]).toHaveLength(5);
    expect([...readShownStatuses("slower,bogus,added")].sort()).toEqual(["added", "slower"]);
    expect([...readShownStatuses("bogus")]).toHaveLength(5);
    expect(writeShownStatuses(new Set(["added", "slower"]))).toBe("added,slower");
    expect(writeShownStatuses(readShownStatuses(null))).toBeNull();
  });

  it("counts statuses", () => {
    expect(countStatuses(ENTRIES)).toEqual({ added: 2, missing: 1, slower: 1, faster: 0, unchanged: 2 });
  });

  it("shows everything when nothing is filtered out", () => {
    expect(shownPaths(visibleEntries(ENTRIES, readShownStatuses(null)))).toEqual(["root", "a", "a1", "b", "c", "c1"]);
  });

  it("keeps the ancestors of shown entries as context, in tree order", () => {
    expect(shownPaths(visibleEntries(ENTRIES, new Set(["slower"])))).toEqual(["root(ctx)", "a(ctx)", "a1"]);
    expect(shownPaths(visibleEntries(ENTRIES, new Set(["added", "missing"])))).toEqual(["root(ctx)", "b", "c", "c1"]);
    expect(visibleEntries(ENTRIES, new Set(["faster"]))).toEqual([]);
  });
});
