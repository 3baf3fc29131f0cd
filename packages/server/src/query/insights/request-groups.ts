import { SpanKind } from "@skein/model";
import type { MetricsReader, SpanMetricsQuery } from "@skein/storage";
import { addTotals, emptyTotals } from "./red-point.js";
import type { SpanMetricsGroup } from "./span-metrics-totals.js";
import { readSpanMetricsGroups } from "./span-metrics-totals.js";

/** Span kinds that are a service's requests when it has any: it handled a call or a message. */
export function isRequestKind(kind: SpanKind | null): boolean {
  return kind === SpanKind.SERVER || kind === SpanKind.CONSUMER;
}

/**
 * The request rule: of groups keyed by (service, kind), a service's requests are its SERVER and
 * CONSUMER groups, or all its groups when it has neither among `groups` (so the caller decides
 * per service over the whole range it read). Groups without a service form one such "service".
 */
export function selectRequestGroups<G extends { service: string | null; kind: SpanKind | null }>(groups: readonly G[]): G[] {
  const handlesRequests = new Set(groups.filter((g) => isRequestKind(g.kind)).map((g) => g.service));
  return groups.filter((g) => !handlesRequests.has(g.service) || isRequestKind(g.kind));
}

/**
 * Reads the requests (see selectRequestGroups) of the selected services per window and service:
 * one group per (window, service) with kind and operation null. Order unspecified.
 */
export async function readServiceRequestGroups(
  reader: MetricsReader,
  query: Omit<SpanMetricsQuery, "groupBy" | "operation" | "kinds">,
  signal?: AbortSignal,
): Promise<SpanMetricsGroup[]> {
  const groups = await readSpanMetricsGroups(reader, { ...query, groupBy: { service: true, kind: true } }, signal);
  const merged = new Map<string, SpanMetricsGroup>();
  for (const group of selectRequestGroups(groups)) {
    const key = JSON.stringify([group.windowStartUnixMs, group.service]);
    let into = merged.get(key);
    if (into === undefined) {
      into = { windowStartUnixMs: group.windowStartUnixMs, service: group.service, operation: null, kind: null, ...emptyTotals() };
      merged.set(key, into);
    }
    addTotals(into, group);
  }
  return [...merged.values()];
}
