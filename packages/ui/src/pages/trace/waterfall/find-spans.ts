import type { ApiAttributes } from "@skein/model/api";
import { plainJsonText } from "../../../format/plain-json.js";
import type { TraceModel } from "../../../trace/trace-model.js";

/** Between fields of a haystack: a character nobody types, so a query cannot match across fields. */
const SEPARATOR = "\u0000";
const haystacks = new WeakMap<TraceModel, readonly string[]>();

/**
 * Per node index, everything find looks at, lower-cased and joined once per model (memoized by
 * model object): operation name, service, span id, every attribute key and value as displayed.
 * Keystrokes then cost one `includes` per span, not a re-serialisation of every attribute.
 */
export function spanHaystacks(model: TraceModel): readonly string[] {
  let list = haystacks.get(model);
  if (!list) {
    list = model.nodes.map((node) => haystack(node.span.name, node.span.service, node.span.spanId, node.span.attributes));
    haystacks.set(model, list);
  }
  return list;
}

function haystack(name: string, service: string, spanId: string, attributes: ApiAttributes): string {
  const parts = [name, service, spanId];
  for (const key in attributes) parts.push(key, plainJsonText(attributes[key]));
  return parts.join(SEPARATOR).toLowerCase();
}

/**
 * Find-in-trace: the node indexes (ascending, i.e. waterfall order) of spans whose operation
 * name, service, span id, or any span attribute key or value (as displayed text) contains
 * `query`, ignoring case. An empty or blank query matches nothing.
 */
export function findSpans(model: TraceModel, query: string): Int32Array {
  const needle = query.trim().toLowerCase();
  if (needle === "") return new Int32Array(0);
  const list = spanHaystacks(model);
  const found: number[] = [];
  for (let i = 0; i < list.length; i++) if (list[i]!.includes(needle)) found.push(i);
  return Int32Array.from(found);
}

/**
 * The match to go to from `current` (the selected node, or undefined): the first match after it
 * for `direction` 1, the last one before it for -1, wrapping around. Undefined when nothing matched.
 */
export function stepMatch(matches: Int32Array, current: number | undefined, direction: 1 | -1): number | undefined {
  if (matches.length === 0) return undefined;
  if (current === undefined) return direction === 1 ? matches[0] : matches[matches.length - 1];
  // Binary search for the first match > current (or ≥ current going backwards).
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (direction === 1 ? matches[mid]! <= current : matches[mid]! < current) lo = mid + 1;
    else hi = mid;
  }
  if (direction === 1) return matches[lo % matches.length];
  return matches[(lo - 1 + matches.length) % matches.length];
}

/** 1-based position of `current` among the matches, or 0 when it is not one of them. */
export function matchPosition(matches: Int32Array, current: number | undefined): number {
  if (current === undefined) return 0;
  const at = matches.indexOf(current);
  return at + 1;
}
