import type { ApiTraceDiffEntry, Span } from "@skein/model";
import { bytesToHex } from "@skein/model";
import { UnsupportedQueryError } from "@skein/storage";
import type { SpanTree } from "../critical-path/span-tree.js";
import { buildSpanTree, clampedDuration } from "../critical-path/span-tree.js";
import { PATH_SEPARATOR, durationStatus, pathSegment } from "./diff-position.js";

/** Bound on the summed length of all entries' paths (≈ the response's size in bytes). */
export const MAX_TOTAL_PATH_CHARS = 64 * 1024 * 1024;

/** A position to emit: a span of a, of b, or both (never neither). */
interface Position {
  a: number | undefined;
  b: number | undefined;
  path: string;
  depth: number;
}

/**
 * Aligns two traces position by position (apiTraceDiffEntrySchema): the top-level spans of each
 * trace (roots and orphans) are siblings at depth 0; siblings match when they have the same
 * (service, operation) and the same ordinal among the siblings of that pair, counted in (start
 * time, span id) order. Entries come depth-first in a's sibling order; b-only ("added")
 * positions follow all a-side children of their nearest aligned ancestor, each with its own
 * subtree (all added); under a "missing" position everything is missing. Iterative.
 * Each path repeats its ancestors', so the answer grows with depth²: past MAX_TOTAL_PATH_CHARS
 * (a pathologically deep trace) → UnsupportedQueryError instead of an unbounded response.
 */
export function diffTraces(aSpans: readonly Span[], bSpans: readonly Span[]): ApiTraceDiffEntry[] {
  const a = buildSpanTree(aSpans);
  const b = buildSpanTree(bSpans);
  const entries: ApiTraceDiffEntry[] = [];
  const stack: Position[] = [];
  const pushChildren = (aKids: readonly number[], bKids: readonly number[], parentPath: string, depth: number): void => {
    const positions = alignSiblings(a, aKids, b, bKids).map(({ a: ai, b: bi, segment }) => ({
      a: ai,
      b: bi,
      path: parentPath === "" ? segment : parentPath + PATH_SEPARATOR + segment,
      depth,
    }));
    for (let i = positions.length - 1; i >= 0; i--) stack.push(positions[i]!);
  };
  pushChildren(a.topLevel, b.topLevel, "", 0);
  let totalPathChars = 0;
  while (stack.length > 0) {
    const position = stack.pop()!;
    totalPathChars += position.path.length;
    if (totalPathChars > MAX_TOTAL_PATH_CHARS) {
      throw new UnsupportedQueryError(`these traces are too deep to compare: the answer would exceed ${MAX_TOTAL_PATH_CHARS} characters of paths (depth ${position.depth})`);
    }
    entries.push(entryOf(aSpans, bSpans, position));
    const aKids = position.a === undefined ? [] : a.children[position.a]!;
    const bKids = position.b === undefined ? [] : b.children[position.b]!;
    pushChildren(aKids, bKids, position.path, position.depth + 1);
  }
  return entries;
}

/** a's siblings in order (each with its b match, if any), then b's unmatched siblings in order. */
function alignSiblings(a: SpanTree, aKids: readonly number[], b: SpanTree, bKids: readonly number[]): { a?: number; b?: number; segment: string }[] {
  const bKeyed = keyed(b, bKids);
  const bByKey = new Map<string, number>();
  const bMatched = new Set<number>();
  for (const [bi, key] of bKeyed) bByKey.set(key, bi);
  const out: { a?: number; b?: number; segment: string }[] = [];
  for (const [ai, key, segment] of keyed(a, aKids)) {
    const bi = bByKey.get(key);
    if (bi !== undefined) bMatched.add(bi);
    out.push(bi === undefined ? { a: ai, segment } : { a: ai, b: bi, segment });
  }
  for (const [bi, , segment] of bKeyed) if (!bMatched.has(bi)) out.push({ b: bi, segment });
  return out;
}

/** Each sibling with its match key and path segment; the ordinal counts earlier siblings of the same (service, operation). */
function keyed(tree: SpanTree, kids: readonly number[]): [index: number, key: string, segment: string][] {
  const seen = new Map<string, number>();
  return kids.map((i) => {
    const span = tree.spans[i]!;
    const pair = JSON.stringify([span.service, span.name]);
    const ordinal = seen.get(pair) ?? 0;
    seen.set(pair, ordinal + 1);
    return [i, `${pair}#${ordinal}`, pathSegment(span.service, span.name, ordinal)];
  });
}

function entryOf(aSpans: readonly Span[], bSpans: readonly Span[], position: Position): ApiTraceDiffEntry {
  const aSpan = position.a === undefined ? undefined : aSpans[position.a]!;
  const bSpan = position.b === undefined ? undefined : bSpans[position.b]!;
  const named = (aSpan ?? bSpan)!;
  const aNano = aSpan === undefined ? undefined : clampedDuration(aSpan);
  const bNano = bSpan === undefined ? undefined : clampedDuration(bSpan);
  const both = aNano !== undefined && bNano !== undefined;
  return {
    path: position.path,
    depth: position.depth,
    service: named.service,
    operation: named.name,
    status: both ? durationStatus(aNano, bNano) : aNano === undefined ? "added" : "missing",
    aSpanId: aSpan === undefined ? null : bytesToHex(aSpan.spanId),
    bSpanId: bSpan === undefined ? null : bytesToHex(bSpan.spanId),
    aDurationNano: aNano === undefined ? null : aNano.toString(),
    bDurationNano: bNano === undefined ? null : bNano.toString(),
    deltaNano: both ? (bNano - aNano).toString() : null,
  };
}
