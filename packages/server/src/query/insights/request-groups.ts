import { SpanKind } from "@skein/model";
import type { MetricsReader, MinuteRange, SpanMetricsQuery } from "@skein/storage";
import { wholeRangeStepMs } from "./metrics-range.js";
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
 * one group per (window, service) with kind and operation null. Order unspecified. Memory grows
 * with windows × services: meant for one service, or for one window (stepMs reaching past the range).
 */
export async function readServiceRequestGroups(
  reader: MetricsReader,
  query: Omit<SpanMetricsQuery, "groupBy" | "operation" | "kinds">,
  signal?: AbortSignal,
): Promise<SpanMetricsGroup[]> {
  return mergeRequestGroups(await readSpanMetricsGroups(reader, { ...query, groupBy: { service: true, kind: true } }, signal));
}

/** selectRequestGroups, then one group per (window, service) with kind and operation null. */
function mergeRequestGroups(groups: readonly SpanMetricsGroup[]): SpanMetricsGroup[] {
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

/**
 * The services with rollups in a range, split by the request rule decided over the whole range:
 * `handling` those with SERVER or CONSUMER spans (their requests are those spans), `others` the
 * rest (all their spans). `totals`: each service's requests over the range, one group per service
 * (window start 0, kind and operation null). Memory grows with services, not windows.
 */
export interface RequestServices {
  handling: string[];
  others: string[];
  totals: SpanMetricsGroup[];
}

export async function readRequestServices(reader: MetricsReader, range: MinuteRange, signal?: AbortSignal): Promise<RequestServices> {
  const query = { startUnixMs: range.startUnixMs, endUnixMs: range.endUnixMs, stepMs: wholeRangeStepMs(range), groupBy: { service: true, kind: true } };
  const groups = await readSpanMetricsGroups(reader, query, signal);
  const handlingSet = new Set(groups.filter((g) => isRequestKind(g.kind)).map((g) => g.service ?? ""));
  const totals = mergeRequestGroups(groups);
  const handling: string[] = [];
  const others: string[] = [];
  for (const group of totals) (handlingSet.has(group.service ?? "") ? handling : others).push(group.service ?? "");
  return { handling, others, totals };
}

/**
 * The requests of `services` per window of `query.stepMs`, with at most one query per side of the
 * split: SERVER and CONSUMER spans of the handling services, every span of the others. Grouped
 * by service when `byService`, else summed (then at most two groups per window, one per side).
 */
export async function readRequestSeriesGroups(
  reader: MetricsReader,
  services: Pick<RequestServices, "handling" | "others">,
  query: MinuteRange & { stepMs: number },
  byService: boolean,
  signal?: AbortSignal,
): Promise<SpanMetricsGroup[]> {
  const base = { startUnixMs: query.startUnixMs, endUnixMs: query.endUnixMs, stepMs: query.stepMs, groupBy: byService ? { service: true } : {} };
  const groups: SpanMetricsGroup[] = [];
  if (services.handling.length > 0) groups.push(...(await readSpanMetricsGroups(reader, { ...base, services: services.handling, kinds: [SpanKind.SERVER, SpanKind.CONSUMER] }, signal)));
  if (services.others.length > 0) groups.push(...(await readSpanMetricsGroups(reader, { ...base, services: services.others }, signal)));
  return groups;
}
