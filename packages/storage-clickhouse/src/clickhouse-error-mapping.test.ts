import { ClickHouseError } from "@clickhouse/client";
import { describe, expect, it } from "vitest";
import { serverException, toClickHouseError } from "./clickhouse-error-mapping.js";
import { ClickHouseQueryError, ClickHouseUnavailableError } from "./errors.js";

const URL = "http://ch:8123";

describe("ClickHouse error mapping", () => {
  it("reads 18.16's exception text", () => {
    const error = new Error("Code: 62, e.displayText() = DB::Exception: Syntax error: failed at position 8, e.what() = DB::Exception\n");
    expect(serverException(error)).toEqual({ code: 62, message: "Syntax error: failed at position 8" });
  });

  it("reads a newer server's exception, parsed by the client or not", () => {
    expect(serverException(new ClickHouseError({ code: "60", message: "Table x.y does not exist. ", type: "UNKNOWN_TABLE" }))).toEqual({ code: 60, message: "Table x.y does not exist." });
    expect(serverException(new Error("Code: 241. DB::Exception: Memory limit exceeded: would use 9.3 GiB. (MEMORY_LIMIT_EXCEEDED) (version 24.8.1.1)"))).toMatchObject({ code: 241 });
  });

  it("data and SQL errors are permanent; other server codes and network failures are transient", () => {
    expect(toClickHouseError(new Error("Code: 27, e.displayText() = DB::Exception: Cannot parse input, e.what() = DB::Exception"), URL, "insert into db.spans")).toBeInstanceOf(ClickHouseQueryError);
    expect(toClickHouseError(new Error("Code: 252, e.displayText() = DB::Exception: Too many parts (300), e.what() = DB::Exception"), URL, "insert")).toMatchObject({ serverCode: 252, retryable: true });
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8123"), { code: "ECONNREFUSED" });
    expect(toClickHouseError(refused, URL, "query")).toBeInstanceOf(ClickHouseUnavailableError);
    expect(toClickHouseError(new Error("socket hang up"), URL, "query").message).toBe(`ClickHouse at ${URL} is unavailable for the query: socket hang up`);
    expect(toClickHouseError(new Error("<html>502 Bad Gateway</html>"), URL, "query")).toMatchObject({ retryable: true, serverCode: undefined });
  });

  it("names the server and the request, and leaves coded errors alone", () => {
    const error = toClickHouseError(new Error("Code: 53, e.displayText() = DB::Exception: Type mismatch, e.what() = DB::Exception"), URL, "insert into db.logs");
    expect(error.message).toBe(`ClickHouse at ${URL} rejected the insert into db.logs: code 53: Type mismatch`);
    expect(toClickHouseError(error, "http://other", "query")).toBe(error);
  });

  it("never names the user info of the URL", () => {
    const withLogin = "http://alice:s3cret@ch:8123";
    const errors = [
      toClickHouseError(new Error("Code: 62, e.displayText() = DB::Exception: Syntax error, e.what() = DB::Exception"), withLogin, "query"),
      toClickHouseError(new Error("Code: 252, e.displayText() = DB::Exception: Too many parts, e.what() = DB::Exception"), withLogin, "query"),
      toClickHouseError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), withLogin, "query"),
    ];
    for (const error of errors) {
      expect(error.message).toMatch(/^ClickHouse at http:\/\/ch:8123 /);
      expect(error.message).not.toMatch(/alice|s3cret/);
    }
  });
});
