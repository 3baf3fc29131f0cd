/**
 * The format of the encoded rows of a write (encoded-write.ts), as ClickHouse names it in
 * `INSERT … FORMAT`: one row per line (the spool and a replay's per-row check rely on it), the
 * fields in the order of ROW_COLUMNS (the tables' own column order), escaped by tsv-text.ts.
 *
 * Measured on 2 cores, 18.16, bench data set (medians of interleaved runs, JSONEachRow →
 * TabSeparated → TabSeparated without the spans' resource_json column, which this change also
 * dropped; see sql/001-spans.sql):
 * - rows: 1,697 → 1,156 → 877 bytes per span; one INSERT of 100k rows: 0.54–0.75 → 0.41 server CPU-s.
 * - adapter writer alone (100k spans, 16 concurrent writeSpans, 9 runs each): 33.9k → 38.0k →
 *   44.6k spans/s; Skein 2.31 → 1.80 → 1.50 CPU-s; clickhouse-server 2.68 → 2.55 → 2.30 CPU-s.
 * - `bench ingest --storage clickhouse --spans 200k` (6 runs each): 25.3k → 29.5k → 31.2k
 *   spans/s; clickhouse-server 8.7 → 7.2 → 6.7 CPU-s, Skein 5.0 → 4.4 → 4.3 CPU-s. Its 4
 *   clients wait for each acknowledgement, so it is bound by insert latency (p50 76 → 61 ms).
 */
export const INSERT_FORMAT = "TabSeparated";
