import type { TraceModel } from "../../../trace/trace-model.js";
import { MinHeap } from "./min-heap.js";

/**
 * Where every span of a trace sits vertically in the flame graph. A child goes one row below its
 * parent; sibling subtrees that overlap in time (concurrent calls) cannot share rows, so a later
 * one goes to the first rows free of every still-running sibling subtree (first fit; see `pack`).
 * Depends only on the model, so it is computed once per trace (memoized) and shared by every zoom
 * level and width. Subtree sizes are the model's (TraceModel.subtreeSize).
 */
export interface FlameRows {
  /** Absolute row of each node, by node index (roots are packed the same way, from row 0). */
  readonly row: Int32Array;
  /** Rows the node's subtree occupies, ≥ 1. */
  readonly height: Int32Array;
  /** Latest end (ns from the trace start) over the subtree: children may outlive their parent. */
  readonly subtreeEndNs: Float64Array;
  /** Rows the whole trace occupies. */
  readonly rowCount: number;
}

const cache = new WeakMap<TraceModel, FlameRows>();

/** The rows of `model`, memoized per model object. O(n) for typical traces. */
export function flameRows(model: TraceModel): FlameRows {
  let rows = cache.get(model);
  if (!rows) {
    rows = computeFlameRows(model);
    cache.set(model, rows);
  }
  return rows;
}

function computeFlameRows(model: TraceModel): FlameRows {
  const nodes = model.nodes;
  const n = nodes.length;
  const height = new Int32Array(n);
  const subtreeEndNs = new Float64Array(n);
  const offset = new Int32Array(n); // row below the parent's row + 1
  // Children have larger indexes than their parent (pre-order), so one backward sweep is bottom-up.
  for (let i = n - 1; i >= 0; i--) {
    const node = nodes[i]!;
    let end = node.startOffsetNs + node.durationNs;
    for (const child of node.children) if (subtreeEndNs[child]! > end) end = subtreeEndNs[child]!;
    subtreeEndNs[i] = end;
    height[i] = 1 + pack(node.children, model, height, subtreeEndNs, offset);
  }
  const roots = model.roots;
  const rowCount = pack(roots, model, height, subtreeEndNs, offset);
  const row = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const parent = nodes[i]!.parent;
    row[i] = parent === -1 ? offset[i]! : row[parent]! + 1 + offset[i]!;
  }
  return { row, height, subtreeEndNs, rowCount };
}

/**
 * First fit looks at every running sibling subtree (sorting them by row), so it is used only while
 * at most this many run at once; above it, a new sibling goes straight below the lowest running
 * one, O(log n), which keeps thousands of concurrent siblings from costing O(n²).
 */
const MAX_FIRST_FIT = 64;

/** A placed sibling subtree: rows [top, bottom), running until `end` (ns). */
interface Placed {
  readonly top: number;
  readonly bottom: number;
  readonly end: number;
  finished: boolean;
}

/**
 * Packs sibling subtrees (sorted by start) into row offsets written to `offset`; returns the rows
 * they need. Before a sibling is placed, every sibling subtree that ended by its start is dropped
 * (a min-heap by end time), freeing its rows. Among the ones still running (whose row ranges never
 * overlap), the new one takes the first gap tall enough (first fit) while there are at most
 * MAX_FIRST_FIT of them, else the row below the lowest one. Either way the decision is made per
 * sibling: once concurrency drops again, later siblings reuse the freed rows.
 */
function pack(siblings: readonly number[], model: TraceModel, height: Int32Array, subtreeEndNs: Float64Array, offset: Int32Array): number {
  let used = 0;
  const running = new MinHeap<Placed>((a, b) => a.end < b.end);
  // Running placements, lowest first; finished ones are skipped when they reach the top (lazy delete).
  const lowest = new MinHeap<Placed>((a, b) => a.bottom > b.bottom);
  for (const sibling of siblings) {
    const start = model.nodes[sibling]!.startOffsetNs;
    while (running.size > 0 && running.peek()!.end <= start) running.pop()!.finished = true;
    const rows = height[sibling]!;
    let top = 0;
    if (running.size <= MAX_FIRST_FIT) {
      const byTop = [...running.items].sort((a, b) => a.top - b.top);
      for (const placed of byTop) {
        if (placed.top >= top + rows) break;
        if (top < placed.bottom) top = placed.bottom;
      }
    } else {
      while (lowest.peek()!.finished) lowest.pop();
      top = lowest.peek()!.bottom;
    }
    const placed: Placed = { top, bottom: top + rows, end: subtreeEndNs[sibling]!, finished: false };
    running.push(placed);
    lowest.push(placed);
    offset[sibling] = top;
    if (top + rows > used) used = top + rows;
  }
  return used;
}
