import { TRACE_DIFF_STATUSES, type ApiTraceDiffEntry } from "@skein/model/api";

export type DiffStatus = (typeof TRACE_DIFF_STATUSES)[number];

/** `?show=slower,added` as the statuses to show; absent, empty or nothing valid: all of them. */
export function readShownStatuses(value: string | null): ReadonlySet<DiffStatus> {
  const chosen = (value ?? "").split(",").filter((part): part is DiffStatus => (TRACE_DIFF_STATUSES as readonly string[]).includes(part));
  return new Set(chosen.length === 0 ? TRACE_DIFF_STATUSES : chosen);
}

/** The `show` parameter for a set of statuses: null (leave it out) when it is all of them. */
export function writeShownStatuses(shown: ReadonlySet<DiffStatus>): string | null {
  if (shown.size === TRACE_DIFF_STATUSES.length || shown.size === 0) return null;
  return TRACE_DIFF_STATUSES.filter((status) => shown.has(status)).join(",");
}

/** How many entries have each status. */
export function countStatuses(entries: readonly ApiTraceDiffEntry[]): Record<DiffStatus, number> {
  const counts = { added: 0, missing: 0, slower: 0, faster: 0, unchanged: 0 };
  for (const entry of entries) counts[entry.status]++;
  return counts;
}

/** An entry to draw: `context` when it is shown only as the ancestor of a shown entry. */
export interface VisibleEntry {
  readonly entry: ApiTraceDiffEntry;
  readonly context: boolean;
}

/**
 * The entries whose status is shown, each with its ancestors (as context rows) so the tree keeps
 * its shape, in the API's depth-first order. An entry's parent is the latest earlier entry one
 * level up (the API's order guarantees it, added entries included). O(entries).
 */
export function visibleEntries(entries: readonly ApiTraceDiffEntry[], shown: ReadonlySet<DiffStatus>): VisibleEntry[] {
  if (shown.size === TRACE_DIFF_STATUSES.length) return entries.map((entry) => ({ entry, context: false }));
  const parent = new Int32Array(entries.length).fill(-1);
  const include = new Uint8Array(entries.length); // 0 no, 1 context, 2 shown
  const lastAtDepth: number[] = [];
  entries.forEach((entry, i) => {
    lastAtDepth[entry.depth] = i;
    lastAtDepth.length = entry.depth + 1;
    parent[i] = entry.depth === 0 ? -1 : (lastAtDepth[entry.depth - 1] ?? -1);
    if (!shown.has(entry.status)) return;
    include[i] = 2;
    for (let up = parent[i]!; up >= 0 && include[up] === 0; up = parent[up]!) include[up] = 1;
  });
  const out: VisibleEntry[] = [];
  entries.forEach((entry, i) => {
    if (include[i] !== 0) out.push({ entry, context: include[i] === 1 });
  });
  return out;
}
