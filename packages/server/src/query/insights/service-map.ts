import type { ApiServiceMapEdge, ApiServiceMapNode, ApiServiceMapResponse } from "@skein/model";
import type { MetricsReader, ServiceGraphCell } from "@skein/storage";
import { compareCodePoints } from "@skein/storage";
import type { MetricsRange } from "./metrics-range.js";
import { wholeRangeStepMs } from "./metrics-range.js";
import { addTotals, emptyTotals, errorRateOf } from "./red-point.js";
import { readServiceRequestGroups } from "./request-groups.js";
import type { NodeIdentity } from "./service-map-names.js";
import { nodeKey, uniqueNodeNames } from "./service-map-names.js";
import type { SpanMetricsTotals } from "./span-metrics-totals.js";

/** `GET /service-map`: span-metrics requests per service plus the service-graph edges of the range. */
export async function computeServiceMap(reader: MetricsReader, range: MetricsRange, signal?: AbortSignal): Promise<ApiServiceMapResponse> {
  const minutes = { startUnixMs: range.startUnixMs, endUnixMs: range.endUnixMs };
  const groups = await readServiceRequestGroups(reader, { ...minutes, stepMs: wholeRangeStepMs(range) }, signal);
  const services = new Map<string, SpanMetricsTotals>();
  for (const group of groups) {
    const totals = services.get(group.service ?? "") ?? emptyTotals();
    addTotals(totals, group);
    services.set(group.service ?? "", totals);
  }
  const cells: ServiceGraphCell[] = [];
  for await (const chunk of reader.queryServiceGraph(minutes, signal)) cells.push(...chunk);
  return buildServiceMap(services, cells, range.seconds);
}

interface EdgeTotals {
  source: NodeIdentity;
  target: NodeIdentity;
  totals: SpanMetricsTotals;
}

/**
 * The map: a service node for every service with requests in `services` (its rate, error rate and
 * p95), and a node for every other endpoint of an edge, measured by its incoming edges. Edges are
 * summed per (source, target) identity; an edge's errors are its failed calls. Nodes sorted by
 * name, edges by source then target (code point order), names made unique by uniqueNodeNames.
 */
export function buildServiceMap(services: ReadonlyMap<string, SpanMetricsTotals>, cells: readonly ServiceGraphCell[], seconds: number): ApiServiceMapResponse {
  const edges = new Map<string, EdgeTotals>();
  for (const cell of cells) {
    const source = { name: cell.source, type: cell.sourceType };
    const target = { name: cell.target, type: cell.targetType };
    const key = JSON.stringify([nodeKey(source), nodeKey(target)]);
    let edge = edges.get(key);
    if (edge === undefined) edges.set(key, (edge = { source, target, totals: emptyTotals() }));
    edge.totals.count += cell.count;
    if (cell.failed) edge.totals.errorCount += cell.count;
    edge.totals.histogram.addToBucket(cell.bucket, cell.count);
  }

  const nodeTotals = new Map<string, { node: NodeIdentity; totals: SpanMetricsTotals }>();
  for (const [name, totals] of services) nodeTotals.set(nodeKey({ name, type: "service" }), { node: { name, type: "service" }, totals });
  const incoming = new Map<string, SpanMetricsTotals>();
  for (const edge of edges.values()) {
    const key = nodeKey(edge.target);
    const totals = incoming.get(key) ?? emptyTotals();
    addTotals(totals, edge.totals);
    incoming.set(key, totals);
  }
  for (const edge of edges.values()) {
    for (const node of [edge.source, edge.target]) {
      const key = nodeKey(node);
      if (!nodeTotals.has(key)) nodeTotals.set(key, { node, totals: incoming.get(key) ?? emptyTotals() });
    }
  }

  const names = uniqueNodeNames([...nodeTotals.values()].map((n) => n.node));
  const nameOf = (node: NodeIdentity) => names.get(nodeKey(node))!;
  const nodes: ApiServiceMapNode[] = [...nodeTotals.values()].map(({ node, totals }) => ({
    name: nameOf(node),
    type: node.type,
    rate: seconds > 0 ? totals.count / seconds : 0,
    errorRate: errorRateOf(totals),
    p95: totals.histogram.quantile(0.95),
  }));
  const edgeList: ApiServiceMapEdge[] = [...edges.values()].map(({ source, target, totals }) => ({
    source: nameOf(source),
    target: nameOf(target),
    callCount: totals.count,
    errorCount: totals.errorCount,
    p95: totals.histogram.quantile(0.95),
  }));
  nodes.sort((a, b) => compareCodePoints(a.name, b.name));
  edgeList.sort((a, b) => compareCodePoints(a.source, b.source) || compareCodePoints(a.target, b.target));
  return { nodes, edges: edgeList };
}
