import type { TraceModel } from "../../../trace/trace-model.js";

/**
 * Where every span of a trace sits vertically in the flame graph. A child goes one row below its
 * parent; children that overlap in time (concurrent calls) cannot share a row, so a later one is
 * pushed below the earlier sibling's whole subtree (first fit). Depends only on the model, so it is
 * computed once per trace (memoized) and shared by every zoom level and width.
 */
export interface FlameRows {
  /** Absolute row of each node, by node index (roots are packed the same way, from row 0). */
  readonly row: Int32Array;
  /** Rows the node's subtree occupies, ≥ 1. */
  readonly height: Int32Array;
  /** Nodes in the subtree including itself: in pre-order the subtree is nodes[i, i + size). */
  readonly size: Int32Array;
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
  const size = new Int32Array(n);
  const subtreeEndNs = new Float64Array(n);
  const offset = new Int32Array(n); // row below the parent's row + 1
  // Children have larger indexes than their parent (pre-order), so one backward sweep is bottom-up.
  for (let i = n - 1; i >= 0; i--) {
    const node = nodes[i]!;
    let nodeSize = 1;
    let end = node.startOffsetNs + node.durationNs;
    for (const child of node.children) {
      nodeSize += size[child]!;
      if (subtreeEndNs[child]! > end) end = subtreeEndNs[child]!;
    }
    size[i] = nodeSize;
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
  return { row, height, size, subtreeEndNs, rowCount };
}

/** Beyond this many concurrent siblings, first fit would cost O(n²): later siblings just stack below. */
const MAX_FIRST_FIT = 64;

/**
 * First-fit packing of sibling subtrees (sorted by start) into row offsets written to `offset`;
 * returns the rows they need. A sibling whose subtree ended before this one starts frees its rows.
 */
function pack(siblings: readonly number[], model: TraceModel, height: Int32Array, subtreeEndNs: Float64Array, offset: Int32Array): number {
  let used = 0;
  // Placed sibling subtrees still running, sorted by top row; their row ranges never overlap.
  let active: Array<{ top: number; bottom: number; end: number }> = [];
  let stacking = false;
  for (const sibling of siblings) {
    const rows = height[sibling]!;
    let top = used;
    if (!stacking) {
      const start = model.nodes[sibling]!.startOffsetNs;
      active = active.filter((placed) => placed.end > start);
      top = 0;
      let at = 0;
      for (; at < active.length && active[at]!.top < top + rows; at++) if (top < active[at]!.bottom) top = active[at]!.bottom;
      active.splice(at, 0, { top, bottom: top + rows, end: subtreeEndNs[sibling]! });
      stacking = active.length > MAX_FIRST_FIT;
    }
    offset[sibling] = top;
    if (top + rows > used) used = top + rows;
  }
  return used;
}
