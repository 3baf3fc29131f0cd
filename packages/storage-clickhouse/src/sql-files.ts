import { readFile } from "node:fs/promises";

/**
 * The text of a DDL file of src/sql/. The files are shipped as such (package.json `files`), so
 * this resolves them next to this module (running from src/) or in ../src/sql (from dist/).
 */
export async function readSqlFile(name: string): Promise<string> {
  const candidates = [new URL(`./sql/${name}`, import.meta.url), new URL(`../src/sql/${name}`, import.meta.url)];
  let lastError: unknown;
  for (const url of candidates) {
    try {
      return await readFile(url, "utf8");
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`ClickHouse schema file ${name} not found next to ${import.meta.url}`, { cause: lastError });
}
