import { EmptyState, NoDataYet } from "../../components/empty-state.js";

/**
 * No service has metrics in the range. When Skein has no spans at all, the "how to send data"
 * hint; otherwise the range is idle, or span metrics are off (they are computed at ingest, so
 * spans received while they were off have none).
 */
export function ServicesEmpty({ anySpans }: { anySpans: boolean }) {
  if (!anySpans) return <NoDataYet />;
  return (
    <EmptyState title="No service metrics in this time range" testId="services-empty">
      <p>Skein has spans, but none were counted in this range. Pick a longer time range, or check that span metrics are on:</p>
      <pre className="code-block">skein start --span-metrics on</pre>
      <p>Request rates, errors and latencies are counted as spans arrive, so spans received while span metrics were off are not included.</p>
    </EmptyState>
  );
}
