import { compareBytes } from "@skein/storage";
import type { SpanTree } from "./span-tree.js";

/** A stretch of time, ns since the epoch, [start, end), spent on the critical path in one span. */
export interface CriticalPathSegment {
  /** Index into the tree's spans. */
  span: number;
  start: bigint;
  end: bigint;
}

/** A child's interval clipped to its parent's window. */
interface ClippedChild {
  index: number;
  start: bigint;
  end: bigint;
}

/** One span being walked: its window [start, end] and the cursor walking back from end. */
interface Frame {
  span: number;
  start: bigint;
  cursor: bigint;
  children: ClippedChild[];
  next: number;
}

/**
 * The critical path of the subtree rooted at `root` (Jaeger's algorithm, as in Uber's CRISP):
 * walking back from the root's end, the time belongs to the child that ended last before the
 * cursor (and, recursively, inside it, to its own last-ending child), else to the span itself
 * (self time). Returns segments in time order that partition [root start, root end] exactly:
 * adjacent segments of one span are merged, zero-length stretches dropped — except for a
 * zero-length root, which gets one zero-length segment so the path is never empty.
 *
 * - A child is clipped to its parent's window: a child that starts before its parent (clock
 *   skew) counts from the parent's start, one that outlives it (an async consumer) up to the
 *   parent's end, one entirely outside (started after the parent ended) is ignored.
 * - Concurrent children: only the one ending last before the cursor is on the path; then the
 *   cursor jumps to its start. Ties of end time: the longer (earlier-starting) child, then the
 *   lower span id.
 * - A span ending before it starts counts as zero-length. Spans outside the subtree (orphans,
 *   other roots) are not on the path.
 *
 * Iterative (an explicit stack), O(n log n) in the subtree's size: deep traces cannot overflow.
 */
export function criticalPath(tree: SpanTree, root: number): CriticalPathSegment[] {
  const { spans } = tree;
  const rootSpan = spans[root]!;
  const rootStart = rootSpan.startTimeUnixNano;
  const rootEnd = rootSpan.endTimeUnixNano > rootStart ? rootSpan.endTimeUnixNano : rootStart;
  if (rootEnd === rootStart) return [{ span: root, start: rootStart, end: rootEnd }];

  const frame = (span: number, start: bigint, end: bigint): Frame => ({ span, start, cursor: end, children: clipChildren(tree, span, root, start, end), next: 0 });
  const backwards: CriticalPathSegment[] = [];
  const stack: Frame[] = [frame(root, rootStart, rootEnd)];
  while (stack.length > 0) {
    const f = stack[stack.length - 1]!;
    while (f.next < f.children.length && f.children[f.next]!.end > f.cursor) f.next++;
    const child = f.children[f.next];
    if (child === undefined) {
      if (f.cursor > f.start) backwards.push({ span: f.span, start: f.start, end: f.cursor });
      stack.pop();
      continue;
    }
    f.next++;
    if (child.end < f.cursor) backwards.push({ span: f.span, start: child.end, end: f.cursor });
    f.cursor = child.start;
    stack.push(frame(child.index, child.start, child.end));
  }
  return mergeAdjacent(backwards.reverse());
}

/**
 * Span's children clipped to [start, end], those entirely outside dropped, ordered for the walk:
 * end descending, then start ascending, then span id ascending. An edge back to the walk's root
 * (a parent cycle in corrupt data) is dropped, which is what keeps the walk finite.
 */
function clipChildren(tree: SpanTree, span: number, root: number, start: bigint, end: bigint): ClippedChild[] {
  const out: ClippedChild[] = [];
  for (const index of tree.children[span]!) {
    if (index === root) continue;
    const s = tree.spans[index]!;
    const rawEnd = s.endTimeUnixNano > s.startTimeUnixNano ? s.endTimeUnixNano : s.startTimeUnixNano;
    const clippedStart = s.startTimeUnixNano > start ? s.startTimeUnixNano : start;
    const clippedEnd = rawEnd < end ? rawEnd : end;
    if (clippedStart <= clippedEnd) out.push({ index, start: clippedStart, end: clippedEnd });
  }
  return out.sort((a, b) => {
    if (a.end !== b.end) return a.end > b.end ? -1 : 1;
    if (a.start !== b.start) return a.start < b.start ? -1 : 1;
    return compareBytes(tree.spans[a.index]!.spanId, tree.spans[b.index]!.spanId);
  });
}

function mergeAdjacent(segments: CriticalPathSegment[]): CriticalPathSegment[] {
  const out: CriticalPathSegment[] = [];
  for (const segment of segments) {
    const last = out[out.length - 1];
    if (last !== undefined && last.span === segment.span && last.end === segment.start) last.end = segment.end;
    else out.push({ ...segment });
  }
  return out;
}
