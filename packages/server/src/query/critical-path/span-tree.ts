import type { Span } from "@skein/model";
import { compareBytes } from "@skein/storage";

/**
 * The parent/child structure of one trace's spans, by index into `spans` (which is not reordered).
 * Every span reachable from a top-level span appears in exactly one children list, so walks from
 * the top level terminate. A span whose id repeats an earlier span's id (in `spans` order) is
 * left out of the structure entirely: it is in no children list and not top level.
 */
export interface SpanTree {
  readonly spans: readonly Span[];
  /** children[i]: the spans whose parent is span i, by start time then span id ascending. */
  readonly children: readonly (readonly number[])[];
  /** Spans without a parent id, or whose parent is not in the trace (orphans), by start time then span id. */
  readonly topLevel: readonly number[];
  /** isOrphan[i]: span i names a parent that is not in the trace. */
  readonly isOrphan: readonly boolean[];
  /** inTree[i]: false for a span repeating an earlier span's id. */
  readonly inTree: readonly boolean[];
}

/** A span's id as a compact map key (8 bytes → 8 latin1 characters). */
function idKey(id: Uint8Array): string {
  return Buffer.from(id.buffer, id.byteOffset, id.byteLength).toString("latin1");
}

/** Start time ascending, then span id bytes ascending: the order of siblings everywhere. */
export function compareSpanStart(a: Span, b: Span): number {
  if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano < b.startTimeUnixNano ? -1 : 1;
  return compareBytes(a.spanId, b.spanId);
}

/** Builds the tree in O(n log n) (one sort); never recurses. */
export function buildSpanTree(spans: readonly Span[]): SpanTree {
  const indexById = new Map<string, number>();
  const included = new Array<boolean>(spans.length).fill(false);
  spans.forEach((span, i) => {
    const key = idKey(span.spanId);
    if (indexById.has(key)) return;
    indexById.set(key, i);
    included[i] = true;
  });
  const order = spans.map((_, i) => i).filter((i) => included[i]);
  order.sort((x, y) => compareSpanStart(spans[x]!, spans[y]!));
  const children: number[][] = spans.map(() => []);
  const topLevel: number[] = [];
  const isOrphan = new Array<boolean>(spans.length).fill(false);
  for (const i of order) {
    const parentId = spans[i]!.parentSpanId;
    const parent = parentId === null ? undefined : indexById.get(idKey(parentId));
    if (parent !== undefined) children[parent]!.push(i);
    else {
      topLevel.push(i);
      isOrphan[i] = parentId !== null;
    }
  }
  return { spans, children, topLevel, isOrphan, inTree: included };
}

/** Duration in ns, 0 when the end is before the start. */
export function clampedDuration(span: Span): bigint {
  const d = span.endTimeUnixNano - span.startTimeUnixNano;
  return d > 0n ? d : 0n;
}

/**
 * The trace's root: the span without parent id with the earliest start, ties by the longest
 * duration, then the lowest span id. When the true root is missing (no span lacks a parent id),
 * the same choice among the orphans; when every span is in a parent cycle (corrupt data), the
 * earliest span. Undefined only for an empty trace.
 */
export function traceRoot(tree: SpanTree): number | undefined {
  const { spans } = tree;
  const better = (x: number, y: number): boolean => {
    const a = spans[x]!;
    const b = spans[y]!;
    if (a.startTimeUnixNano !== b.startTimeUnixNano) return a.startTimeUnixNano < b.startTimeUnixNano;
    const da = clampedDuration(a);
    const db = clampedDuration(b);
    if (da !== db) return da > db;
    return compareBytes(a.spanId, b.spanId) < 0;
  };
  const pick = (candidates: readonly number[]): number | undefined => {
    let best: number | undefined;
    for (const i of candidates) if (best === undefined || better(i, best)) best = i;
    return best;
  };
  return (
    pick(tree.topLevel.filter((i) => !tree.isOrphan[i])) ??
    pick(tree.topLevel) ??
    pick(spans.map((_, i) => i).filter((i) => tree.inTree[i]))
  );
}
