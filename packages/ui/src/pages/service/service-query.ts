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
