import { Registry, collectDefaultMetrics } from "prom-client";

/** Prefix of every self-metric, including prom-client's process and Node.js defaults. */
export const METRIC_PREFIX = "skein_";

/**
 * A fresh registry (never prom-client's global one, so several servers or tests in one process do
 * not share counters) with the process CPU, memory, event-loop and GC metrics already registered.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}

/** Seconds; shared by request and commit latency so they can be compared bucket by bucket. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
