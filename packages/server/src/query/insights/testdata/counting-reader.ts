import type { MetricsReader, SpanMetricsQuery } from "@skein/storage";

/** A MetricsReader that records each span-metrics query and how many cells it returned. */
export interface CountingReader extends MetricsReader {
  readonly reads: { query: SpanMetricsQuery; cells: number }[];
}

export function countingReader(inner: MetricsReader): CountingReader {
  const reads: { query: SpanMetricsQuery; cells: number }[] = [];
  return {
    reads,
    async *querySpanMetrics(query, signal) {
      const read = { query, cells: 0 };
      reads.push(read);
      for await (const chunk of inner.querySpanMetrics(query, signal)) {
        read.cells += chunk.length;
        yield chunk;
      }
    },
    queryServiceGraph: (query, signal) => inner.queryServiceGraph(query, signal),
  };
}
