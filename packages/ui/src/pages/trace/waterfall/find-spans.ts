import type { ApiAttributes } from "@skein/model/api";
import { plainJsonText } from "../../../format/plain-json.js";
import type { TraceModel } from "../../../trace/trace-model.js";

/**
 * Find-in-trace: the node indexes (ascending, i.e. waterfall order) of spans whose operation
 * name, service, span id, or any span attribute key or value (as displayed text) contains
 * `query`, ignoring case. An empty or blank query matches nothing.
 */
export function findSpans(model: TraceModel, query: string): Int32Array {
  const needle = query.trim().toLowerCase();
  if (needle === "") return new Int32Array(0);
  const found: number[] = [];
  for (const node of model.nodes) {
    const span = node.span;
    if (
      includes(span.name, needle) ||
      includes(span.service, needle) ||
      span.spanId.includes(needle) ||
      attributesMatch(span.attributes, needle)
    ) {
      found.push(node.index);
    }
  }
  return Int32Array.from(found);
}

function includes(text: string, needle: string): boolean {
  return text.toLowerCase().includes(needle);
}

function attributesMatch(attributes: ApiAttributes, needle: string): boolean {
  for (const key in attributes) {
    if (includes(key, needle) || includes(plainJsonText(attributes[key]), needle)) return true;
  }
  return false;
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
