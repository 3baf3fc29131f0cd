import { describe, expect, it } from "vitest";
import { operationsSql, servicesSql } from "./catalog-sql.js";
import { tableNames } from "./table-names.js";

// The catalog's semantics (distinct, code point order, hostile names, one service only) run on a
// real server in the conformance suite (clickhouse-storage.test.ts); here, the SQL itself.
const TABLES = tableNames("skein");

describe("catalog SQL", () => {
  it("services: distinct, from the small operations table", () => {
    expect(servicesSql(TABLES)).toMatchSnapshot();
  });

  it("operations of one service, by name then kind name", () => {
    expect(operationsSql("checkout", TABLES)).toMatchSnapshot();
  });

  it("a hostile service name is one literal", () => {
    const sql = operationsSql("x' OR 1=1; DROP TABLE spans; --\u0000", TABLES);
    expect(sql).toContain("WHERE service = 'x\\' OR 1=1; DROP TABLE spans; --\\x00'\n");
  });
});
