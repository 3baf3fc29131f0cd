import type { DuckDBType, DuckDBValue } from "@duckdb/node-api";

/**
 * Collects prepared-statement parameters. Every value that reaches SQL goes through add(), which
 * returns the placeholder (`$1`, `$2`, …) to splice into the text: user input never becomes SQL.
 * Types are explicit so that DuckDB never guesses (a bigint beyond int64 stays exact as HUGEINT).
 */
export class SqlParams {
  readonly values: DuckDBValue[] = [];
  readonly types: DuckDBType[] = [];

  add(value: DuckDBValue, type: DuckDBType): string {
    this.values.push(value);
    this.types.push(type);
    return `$${this.values.length}`;
  }
}
