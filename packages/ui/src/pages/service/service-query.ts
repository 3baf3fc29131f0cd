import type { ApiOperationMetrics } from "@skein/model/api";

/**
 * The href of the service page for `service` with the URL's other parameters (the time range) and
 * `operation` set, or removed when undefined: the operation filter lives in the URL.
 */
export function serviceHrefWith(service: string, search: string, operation: string | undefined): string {
  const params = new URLSearchParams(search);
  if (operation === undefined) params.delete("operation");
  else params.set("operation", operation);
  const text = params.toString();
  return `/services/${encodeURIComponent(service)}${text === "" ? "" : `?${text}`}`;
}

/**
 * The operation the critical-path breakdown describes when none is chosen: the busiest endpoint
 * (server or consumer span), else the busiest operation. `operations` are busiest first.
 */
export function defaultEndpoint(operations: readonly ApiOperationMetrics[]): string | undefined {
  return (operations.find((op) => op.kind === "server" || op.kind === "consumer") ?? operations[0])?.name;
}

/** Which stored spans the latency heatmap counts: one span kind, or every kind when undefined. */
export interface HeatmapSpans {
  kind: ApiOperationMetrics["kind"] | undefined;
  /** The heatmap's caption, e.g. "server spans". */
  label: string;
}

/**
 * The spans of the latency heatmap, chosen from the operations list (its kinds) so the heatmap
 * shows the service's requests as the RED charts do, not its outgoing calls too. Without an
 * operation: server spans when the service has SERVER operations, else consumer spans when it has
 * CONSUMER ones, else every kind. With an operation: that operation's kind; when the name occurs
 * with several kinds, the same server-then-consumer rule, else every kind of it. An operation
 * absent from the list (no rollups in the range) is shown with every kind.
 */
export function heatmapSpans(operations: readonly ApiOperationMetrics[], operation: string | undefined): HeatmapSpans {
  const kinds = new Set((operation === undefined ? operations : operations.filter((op) => op.name === operation)).map((op) => op.kind));
  const kind = kinds.has("server") ? "server" : kinds.has("consumer") ? "consumer" : operation !== undefined && kinds.size === 1 ? [...kinds][0] : undefined;
  return { kind, label: kind === undefined ? "spans of every kind" : `${kind} spans` };
}
