/**
 * The format of the encoded rows of a write (encoded-write.ts), as ClickHouse names it in
 * `INSERT … FORMAT`. One row per line: the spool and a replay's per-row check rely on it.
 */
export const INSERT_FORMAT = "JSONEachRow";
