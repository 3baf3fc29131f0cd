import { describe } from "vitest";
import { alertStoreTests } from "./alert-store.js";
import { booleanAndRegexFilterTests } from "./boolean-and-regex-filters.js";
import { catalogTests } from "./catalog.js";
import { concurrencyTests } from "./concurrency.js";
import { createContext } from "./harness.js";
import type { StorageConformanceOptions } from "./harness.js";
import { hostileStringTests } from "./hostile-strings.js";
import { lifecycleTests } from "./lifecycle.js";
import { logTests } from "./logs.js";
import { retentionTests } from "./retention.js";
import { rollupExactnessTests } from "./rollups-exactness.js";
import { rollupRefusalTests } from "./rollups-refusal.js";
import { rollupRetentionTests } from "./rollups-retention.js";
import { rollupServiceGraphTests } from "./rollups-service-graph.js";
import { rollupSpanMetricsTests } from "./rollups-span-metrics.js";
import { scaleTests } from "./scale.js";
import { spanHistogramTests } from "./span-histogram.js";
import { traceRoundTripTests } from "./trace-round-trip.js";
import { traceSearchSemanticsTests } from "./trace-search-semantics.js";
import { traceSearchTests } from "./trace-search.js";
import { undeclaredCapabilityTests } from "./undeclared-capabilities.js";

export type { StorageConformanceOptions } from "./harness.js";

/**
 * Registers the storage conformance suite (vitest describe/it) for one adapter: call it at the top
 * level of the adapter's test file. Every test gets a fresh temp dir and a started storage that is
 * shut down afterwards. Tests an adapter cannot run because of a capability it does not declare
 * are skipped with the reason in their name.
 */
export function runStorageConformance(options: StorageConformanceOptions): void {
  describe(`storage conformance: ${options.name}`, () => {
    const ctx = createContext(options);
    traceRoundTripTests(ctx);
    traceSearchTests(ctx);
    traceSearchSemanticsTests(ctx);
    booleanAndRegexFilterTests(ctx);
    undeclaredCapabilityTests(ctx);
    hostileStringTests(ctx);
    catalogTests(ctx);
    logTests(ctx);
    concurrencyTests(ctx);
    lifecycleTests(ctx);
    retentionTests(ctx);
    spanHistogramTests(ctx);
    rollupSpanMetricsTests(ctx);
    rollupServiceGraphTests(ctx);
    rollupExactnessTests(ctx);
    rollupRefusalTests(ctx);
    rollupRetentionTests(ctx);
    alertStoreTests(ctx);
    scaleTests(ctx);
  });
}
