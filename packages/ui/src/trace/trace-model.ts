import type { ApiSpan, ApiTraceResponse } from "@skein/model/api";
import { serviceColor } from "../format/service-color.js";

/**
 * One span placed in its trace's tree. Times are Number ns relative to the trace start: exact up
 * to 2^53 ns (104 days), far beyond any trace, and cheap to compute with for 100k-span traces.
 */
export interface TraceNode {
  /** Position in TraceModel.nodes (depth-first pre-order: a parent comes before its children). */
  readonly index: number;
  readonly span: ApiSpan;
  /** Index of the parent node; -1 for a root or an orphan whose parent is missing from the trace. */
  readonly parent: number;
  /** Child indexes, ordered by start time then span id. */
  readonly children: number[];
  readonly depth: number;
  readonly startOffsetNs: number;
  readonly durationNs: number;
  /** Duration minus the time covered by its children (clipped to this span), ≥ 0. */
  readonly selfTimeNs: number;
  readonly isError: boolean;
  /** True when the span names a parent that is not in the trace (shown as a root, marked). */
  readonly isOrphan: boolean;
}

export interface TraceServiceInfo {
  readonly name: string;
  readonly color: string;
  readonly spanCount: number;
  readonly errorCount: number;
}

export interface TraceModel {
  readonly traceId: string;
  /** Every span, depth-first pre-order; roots (true roots first, then orphans) by start time. */
  readonly nodes: readonly TraceNode[];
  /** spanId (hex) → node index. A duplicated span id keeps the first span. */
  readonly indexBySpanId: ReadonlyMap<string, number>;
  readonly roots: readonly number[];
  /** The root span that heads the header (earliest true root, else the earliest span); undefined for an empty trace. */
  readonly root: TraceNode | undefined;
  /** Earliest start and latest end over all spans (ns since epoch). */
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly durationNs: number;
  /** Services ordered by first appearance in the tree. */
  readonly services: readonly TraceServiceInfo[];
  readonly errorCount: number;
  /** Deepest depth + 1. */
  readonly maxDepth: number;
  /**
   * Nodes in each node's subtree, itself included, by node index: in pre-order a subtree is the
   * index range nodes[i, i + subtreeSize[i]). The one subtree-size computation of the UI.
   */
  readonly subtreeSize: Int32Array;
}

/** Builds the tree of a trace. O(n log n); tolerates orphans, duplicate ids and parent cycles. */
export function buildTraceModel(trace: ApiTraceResponse): TraceModel {
  const spans = trace.spans;
  let startNs = 0n;
  let endNs = 0n;
  for (let i = 0; i < spans.length; i++) {
    const start = BigInt(spans[i]!.startTimeUnixNano);
    const end = start + BigInt(spans[i]!.durationNano);
    if (i === 0 || start < startNs) startNs = start;
    if (i === 0 || end > endNs) endNs = end;
  }
  const offsets = spans.map((span) => Number(BigInt(span.startTimeUnixNano) - startNs));
  const durations = spans.map((span) => Number(span.durationNano));

  // spanId → position in `spans`; first wins on duplicates.
  const byId = new Map<string, number>();
  spans.forEach((span, i) => {
    if (!byId.has(span.spanId)) byId.set(span.spanId, i);
  });
  const childrenOf: number[][] = spans.map(() => []);
  const rootPositions: number[] = [];
  const orphan: boolean[] = spans.map(() => false);
  spans.forEach((span, i) => {
    const parent = span.parentSpanId === null ? undefined : byId.get(span.parentSpanId);
    if (parent === undefined || parent === i || byId.get(span.spanId) !== i) {
      orphan[i] = span.parentSpanId !== null;
      rootPositions.push(i);
    } else childrenOf[parent]!.push(i);
  });
  const byStart = (a: number, b: number) => offsets[a]! - offsets[b]! || (spans[a]!.spanId < spans[b]!.spanId ? -1 : 1);
  rootPositions.sort((a, b) => Number(orphan[a]) - Number(orphan[b]) || byStart(a, b));
  for (const list of childrenOf) if (list.length > 1) list.sort(byStart);

  // Iterative pre-order walk (100k-deep chains must not overflow the stack). Spans on or under a
  // parent cycle are unreachable from any root; each cycle is broken below, so no span is lost.
  const order: number[] = [];
  const depthOf: number[] = new Array<number>(spans.length).fill(-1);
  const walk = (root: number) => {
    const stack: Array<[number, number]> = [[root, 0]];
    while (stack.length > 0) {
      const [position, depth] = stack.pop()!;
      if (depthOf[position] !== -1) continue;
      depthOf[position] = depth;
      order.push(position);
      const children = childrenOf[position]!;
      for (let c = children.length - 1; c >= 0; c--) stack.push([children[c]!, depth + 1]);
    }
  };
  for (const root of rootPositions) walk(root);
  for (let i = 0; i < spans.length; i++) {
    if (depthOf[i] !== -1) continue;
    // Unreached: i hangs off a parent cycle. Climb parents until one repeats: that span is on the
    // cycle; it becomes the (orphan-marked) root, and everything hanging off the cycle, i included,
    // keeps its real parent.
    const seen = new Set<number>();
    let breaker = i;
    while (!seen.has(breaker)) {
      seen.add(breaker);
      const parent = byId.get(spans[breaker]!.parentSpanId!);
      if (parent === undefined || depthOf[parent] !== -1) break;
      breaker = parent;
    }
    orphan[breaker] = true;
    rootPositions.push(breaker);
    walk(breaker);
  }

  const isRoot: boolean[] = spans.map(() => false);
  for (const position of rootPositions) isRoot[position] = true;
  const indexOfPosition: number[] = new Array<number>(spans.length);
  order.forEach((position, index) => (indexOfPosition[position] = index));
  const nodes: TraceNode[] = order.map((position, index) => {
    const span = spans[position]!;
    const parentPosition = isRoot[position] || span.parentSpanId === null ? undefined : byId.get(span.parentSpanId);
    // A cycle's breaker is a root now, no longer anyone's child.
    const children = childrenOf[position]!.filter((child) => !isRoot[child]);
    return {
      index,
      span,
      parent: parentPosition === undefined ? -1 : indexOfPosition[parentPosition]!,
      children: children.map((child) => indexOfPosition[child]!),
      depth: depthOf[position]!,
      startOffsetNs: offsets[position]!,
      durationNs: durations[position]!,
      selfTimeNs: selfTime(offsets[position]!, durations[position]!, children, offsets, durations),
      isError: span.status.code === "error",
      isOrphan: orphan[position]!,
    };
  });

  const services = new Map<string, { spanCount: number; errorCount: number }>();
  let errorCount = 0;
  let maxDepth = 0;
  for (const node of nodes) {
    const entry = services.get(node.span.service) ?? { spanCount: 0, errorCount: 0 };
    entry.spanCount++;
    if (node.isError) {
      entry.errorCount++;
      errorCount++;
    }
    services.set(node.span.service, entry);
    if (node.depth + 1 > maxDepth) maxDepth = node.depth + 1;
  }
  const indexBySpanId = new Map<string, number>();
  for (const [spanId, position] of byId) indexBySpanId.set(spanId, indexOfPosition[position]!);
  const roots = nodes.filter((node) => node.parent === -1).map((node) => node.index);
  // Children come after their parent in pre-order, so a reverse sweep sums each subtree once.
  const subtreeSize = new Int32Array(nodes.length).fill(1);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const parent = nodes[i]!.parent;
    if (parent >= 0) subtreeSize[parent]! += subtreeSize[i]!;
  }
  return {
    traceId: trace.traceId,
    nodes,
    indexBySpanId,
    roots,
    root: nodes.find((node) => node.parent === -1 && !node.isOrphan) ?? nodes[0],
    startNs,
    endNs,
    durationNs: Number(endNs - startNs),
    services: [...services].map(([name, counts]) => ({ name, color: serviceColor(name), ...counts })),
    errorCount,
    maxDepth,
    subtreeSize,
  };
}

/** Duration not covered by the union of the children's intervals clipped to [start, start + duration]. */
function selfTime(start: number, duration: number, children: number[], offsets: number[], durations: number[]): number {
  if (children.length === 0) return duration;
  const end = start + duration;
  let covered = 0;
  let reach = start;
  // children are sorted by start, so one sweep merges the intervals.
  for (const child of children) {
    const childStart = Math.max(offsets[child]!, reach);
    const childEnd = Math.min(offsets[child]! + durations[child]!, end);
    if (childEnd > childStart) {
      covered += childEnd - childStart;
      reach = childEnd;
    }
  }
  return Math.max(0, duration - covered);
}
