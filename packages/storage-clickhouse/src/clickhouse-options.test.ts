import { describe, expect, it } from "vitest";
import { loginFromUrl, parseClickHouseOptions, schemaUrls } from "./clickhouse-options.js";

const CODE = { code: "SKEIN_ERR_CLICKHOUSE_OPTIONS" };

describe("clickhouse options", () => {
  it("fills the defaults", () => {
    expect(parseClickHouseOptions(undefined)).toEqual({
      url: "http://localhost:8123",
      user: "default",
      password: "",
      database: "skein",
      spoolMaxBytes: 1024 ** 3,
      requestTimeoutMs: 30_000,
      insertTimeoutMs: 2_000,
    });
  });

  it("takes a cluster with its shard URLs, and tolerates undefined optional keys", () => {
    const options = parseClickHouseOptions({ url: "https://ch.example:8443", cluster: "prod_2", shardUrls: ["http://a:8123", "http://b:8123/"], password: "s3cret", spoolMaxBytes: 1024 });
    expect(options).toMatchObject({ cluster: "prod_2", shardUrls: ["http://a:8123", "http://b:8123/"], spoolMaxBytes: 1024 });
    expect(schemaUrls(options)).toEqual(["http://a:8123", "http://b:8123", "https://ch.example:8443"]);
    expect(parseClickHouseOptions({ cluster: undefined, shardUrls: undefined }).cluster).toBeUndefined();
    expect(schemaUrls(parseClickHouseOptions({ url: "http://one:8123", shardUrls: [] }))).toEqual(["http://one:8123"]);
  });

  it("on one server the schema goes to url only", () => {
    expect(schemaUrls(parseClickHouseOptions({ url: "http://127.0.0.1:9000/" }))).toEqual(["http://127.0.0.1:9000"]);
  });

  it.each([
    [{ urll: "http://x" }, /unknown option "urll"/],
    [{ url: "ftp://x" }, /option "url" must be an http/],
    [{ url: "not a url" }, /option "url"/],
    [{ database: "skein; DROP" }, /option "database" must be a plain identifier/],
    [{ database: "1abc" }, /option "database"/],
    [{ cluster: "c" }, /option "shardUrls" is required with cluster/],
    [{ shardUrls: ["http://a:8123"] }, /option "shardUrls" is only used with cluster/],
    [{ cluster: "c", shardUrls: [] }, /option "shardUrls" is required with cluster/],
    [{ cluster: "c", shardUrls: ["tcp://a:9000"] }, /option "shardUrls.0" must be an http/],
    [{ spoolMaxBytes: 0 }, /option "spoolMaxBytes" must be positive/],
    [{ insertTimeoutMs: 1.5 }, /option "insertTimeoutMs" must be a whole number/],
    [{ requestTimeoutMs: "30s" }, /option "requestTimeoutMs"/],
    [{ user: 7 }, /option "user"/],
  ])("rejects %j naming the key", (input, message) => {
    expect(() => parseClickHouseOptions(input)).toThrow(expect.objectContaining({ ...CODE, message: expect.stringMatching(message) }));
  });

  it("names every bad key at once and never echoes the password", () => {
    try {
      parseClickHouseOptions({ password: 12345678, database: "a-b", extra: 1 });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/"password"/);
      expect(message).toMatch(/"database"/);
      expect(message).toMatch(/"extra"/);
      expect(message).not.toContain("12345678");
    }
  });
});

describe("loginFromUrl", () => {
  it("takes user and password out of the URL; they override the options, percent-decoded", () => {
    expect(loginFromUrl("http://alice:s%40cret%2F1@ch.example:8123", "default", "")).toEqual({ url: "http://ch.example:8123", user: "alice", password: "s@cret/1" });
    expect(loginFromUrl("https://bob@ch:8443/db?ch_x=1", "default", "from-options")).toEqual({ url: "https://ch:8443/db?ch_x=1", user: "bob", password: "from-options" });
    expect(loginFromUrl("http://:only-pass@ch:8123/", "carol", "")).toEqual({ url: "http://ch:8123/", user: "carol", password: "only-pass" });
  });

  it("leaves a URL without user info exactly as written", () => {
    for (const url of ["http://127.0.0.1:8123", "http://127.0.0.1:8123/", "https://ch.example", "not a url"]) {
      expect(loginFromUrl(url, "u", "p")).toEqual({ url, user: "u", password: "p" });
    }
  });

  it("refuses user info that is not valid percent-encoding without echoing it", () => {
    expect(() => loginFromUrl("http://alice:secret%E0%A4%A@ch:8123", "default", "")).toThrow(
      expect.objectContaining({ code: "SKEIN_ERR_CLICKHOUSE_OPTIONS", message: expect.not.stringContaining("secret") }),
    );
  });
});
