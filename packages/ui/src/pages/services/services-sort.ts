import type { ApiServiceMetrics } from "@skein/model/api";

/** The columns the services table sorts by; `errors` is the error rate, `p95` the latency. */
export const SERVICE_SORT_KEYS = ["name", "rate", "errors", "p95"] as const;
export type ServiceSortKey = (typeof SERVICE_SORT_KEYS)[number];
export interface ServiceSort {
  key: ServiceSortKey;
  descending: boolean;
}

/** Names read A→Z first; figures read biggest first (the busiest, failing or slowest on top). */
export function defaultDescending(key: ServiceSortKey): boolean {
  return key !== "name";
}

/** `sort=rate&order=asc` from the URL; default by name, A→Z. */
export function readServiceSort(params: URLSearchParams): ServiceSort {
  const key = SERVICE_SORT_KEYS.find((k) => k === params.get("sort")) ?? "name";
  const order = params.get("order");
  return { key, descending: order === "desc" ? true : order === "asc" ? false : defaultDescending(key) };
}

export function writeServiceSort(params: URLSearchParams, sort: ServiceSort): void {
  params.set("sort", sort.key);
  params.set("order", sort.descending ? "desc" : "asc");
}

/** Clicking a column: the same column flips its order, another starts in its default order. */
export function nextSort(current: ServiceSort, key: ServiceSortKey): ServiceSort {
  return key === current.key ? { key, descending: !current.descending } : { key, descending: defaultDescending(key) };
}

/**
 * The services in table order. Ties (and null p95s, always last) fall back to the name A→Z, so
 * the order is total and stable across refreshes.
 */
export function sortServices(services: readonly ApiServiceMetrics[], sort: ServiceSort): ApiServiceMetrics[] {
  const value = (s: ApiServiceMetrics): number | null => (sort.key === "rate" ? s.rate : sort.key === "errors" ? s.errorRate : sort.key === "p95" ? s.p95 : null);
  const byName = (a: ApiServiceMetrics, b: ApiServiceMetrics) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...services].sort((a, b) => {
    if (sort.key === "name") return sort.descending ? byName(b, a) : byName(a, b);
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return (sort.descending ? vb - va : va - vb) || byName(a, b);
  });
}
