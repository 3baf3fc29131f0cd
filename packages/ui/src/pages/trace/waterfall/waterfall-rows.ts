import type { TraceModel } from "../../../trace/trace-model.js";
import type { TraceLogs } from "../../../trace/trace-logs.js";

/**
 * The waterfall's rows as flat typed arrays, recomputed in O(visible rows) whenever collapse state
 * or the inline-log switch changes: row r shows span `spanOf[r]` and, when `logOf[r]` ≥ 0, that
 * span's log number `logOf[r]` (in the span's time-ordered log list) instead of the span itself.
 * No object per row, so a 100k-span trace costs two Int32Arrays, not 100k allocations.
 */
export interface WaterfallRows {
  readonly count: number;
  readonly spanOf: Int32Array;
  readonly logOf: Int32Array;
  /** Node index → its span row, or -1 when the span is hidden under a collapsed ancestor. */
  readonly rowOfSpan: Int32Array;
}

/**
 * Per-node facts the row computation needs, computed once per trace: the size of each node's
 * subtree (the model's TraceModel.subtreeSize: in pre-order a subtree is the index range
 * [i, i + size)) and the number of logs written in each span.
 */
export interface TreeFacts {
  readonly subtreeSize: Int32Array;
  readonly logCount: Int32Array;
}

export function treeFacts(model: TraceModel, logs: TraceLogs): TreeFacts {
  const logCount = new Int32Array(model.nodes.length);
  for (const [spanId, list] of logs.bySpanId) {
    const index = model.indexBySpanId.get(spanId);
    if (index !== undefined) logCount[index] = list.length;
  }
  return { subtreeSize: model.subtreeSize, logCount };
}

/**
 * The DOM id of a span's row, `span-{spanId}` (what the tree's aria-activedescendant names). A
 * span id repeated in the trace gets its node index appended, so ids stay unique. Span ids are hex
 * (schema-checked), so the id needs no escaping.
 */
export function spanRowId(model: TraceModel, index: number): string {
  const spanId = model.nodes[index]!.span.spanId;
  return model.indexBySpanId.get(spanId) === index ? `span-${spanId}` : `span-${spanId}-${index}`;
}

/** The rows to show: every span not under a collapsed node, each followed by its logs when `withLogs`. */
export function computeRows(facts: TreeFacts, collapsed: Uint8Array, withLogs: boolean): WaterfallRows {
  const n = facts.subtreeSize.length;
  let total = 0;
  for (let i = 0; i < n; i += collapsed[i] ? facts.subtreeSize[i]! : 1) total += 1 + (withLogs ? facts.logCount[i]! : 0);
  const spanOf = new Int32Array(total);
  const logOf = new Int32Array(total);
  const rowOfSpan = new Int32Array(n).fill(-1);
  let row = 0;
  for (let i = 0; i < n; i += collapsed[i] ? facts.subtreeSize[i]! : 1) {
    rowOfSpan[i] = row;
    spanOf[row] = i;
    logOf[row++] = -1;
    const logs = withLogs ? facts.logCount[i]! : 0;
    for (let l = 0; l < logs; l++) {
      spanOf[row] = i;
      logOf[row++] = l;
    }
  }
  return { count: total, spanOf, logOf, rowOfSpan };
}

/**
 * `collapsed` with every ancestor of `index` expanded, or the same array when none was collapsed
 * (so a caller can skip a state update).
 */
export function expandAncestors(model: TraceModel, collapsed: Uint8Array, index: number): Uint8Array {
  let next = collapsed;
  for (let p = model.nodes[index]?.parent ?? -1; p >= 0; p = model.nodes[p]!.parent) {
    if (next[p]) {
      if (next === collapsed) next = collapsed.slice();
      next[p] = 0;
    }
  }
  return next;
}

/** Collapse state with every node that has children collapsed at depth ≥ `depth` (0 collapses all). */
export function collapseFromDepth(model: TraceModel, depth: number): Uint8Array {
  const collapsed = new Uint8Array(model.nodes.length);
  for (const node of model.nodes) if (node.depth >= depth && node.children.length > 0) collapsed[node.index] = 1;
  return collapsed;
}
