import { describeIngest, useIngestEndpoints, type IngestEndpoints } from "../../api/use-ingest-endpoints.js";
import { EmptyState } from "../../components/empty-state.js";
import { describeTimeRange } from "../../format/time-range.js";
import type { SearchQuery } from "./search-query.js";

/** "Nothing matched": says which window was searched and which of the query's parts to loosen. */
export function SearchNoResults({ query }: { query: SearchQuery }) {
  const endpoints = useIngestEndpoints();
  return (
    <EmptyState title="No traces match this search" testId="no-results">
      <p>
        Nothing in <strong>{query.timeRange.kind === "preset" ? describeTimeRange(query.timeRange).toLowerCase() : describeTimeRange(query.timeRange)}</strong> matched. Try:
      </p>
      <ul className="search-advice">
        {noResultsAdvice(query, endpoints).map((advice) => (
          <li key={advice}>{advice}</li>
        ))}
      </ul>
    </EmptyState>
  );
}

/** What to change, most likely culprit first; always at least one thing. `endpoints`: this Skein's OTLP ports. */
export function noResultsAdvice(query: SearchQuery, endpoints: IngestEndpoints): string[] {
  const advice: string[] = [];
  const widest = query.timeRange.kind === "preset" && query.timeRange.preset === "30d";
  if (!widest) advice.push("widening the time range (e.g. Last 24 hours or Last 7 days)");
  if (query.errorsOnly) advice.push('unticking "Errors only"');
  if (query.minDuration !== "" || query.maxDuration !== "") advice.push("loosening or clearing the min/max duration");
  if (query.kind !== "") advice.push(`choosing "Any kind" instead of ${query.kind} spans`);
  const attributes = query.attributes.filter((text) => text.trim() !== "");
  if (attributes.length > 0) {
    advice.push(`removing attribute filters (${attributes.join(", ")}); values are typed: "500" (quoted) matches text, 500 a number`);
  }
  if (query.operation !== "") advice.push(`choosing "All operations" instead of ${query.operation}`);
  if (query.service !== "") advice.push(`choosing "All services" instead of ${query.service}`);
  if (widest && advice.length === 0) advice.push(`checking that your services export spans to Skein (${describeIngest(endpoints)})`);
  return advice;
}
