import { describe, expect, it } from "vitest";
import { StartupError } from "./errors.js";
import { dataDirError, listenError, storageStartError } from "./startup-errors.js";

const systemError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("startup errors", () => {
  it("says which port is taken and which flag changes it", () => {
    const error = listenError(systemError("EADDRINUSE", "listen EADDRINUSE: address already in use 127.0.0.1:4318"), "the otlp-http receiver", "127.0.0.1", 4318, "--otlp-http-port");
    expect(error).toBeInstanceOf(StartupError);
    expect(error.code).toBe("SKEIN_ERR_STARTUP");
    expect(error.message).toContain("cannot start the otlp-http receiver on 127.0.0.1:4318");
    expect(error.message).toContain("Port 4318 is already in use");
    expect(error.message).toContain("--otlp-http-port (0 picks a free one)");
  });

  it("recognises a wrapped bind error by its text (gRPC)", () => {
    const error = listenError(new Error("No address added out of total 1 resolved errors: [listen EADDRINUSE: address already in use]"), "the otlp-grpc receiver", "127.0.0.1", 4317, "--otlp-grpc-port");
    expect(error.message).toContain("Port 4317 is already in use");
  });

  it("blames the host for an address that is not local", () => {
    const error = listenError(systemError("EADDRNOTAVAIL", "listen EADDRNOTAVAIL"), "the UI and API server", "10.9.9.9", 16686, "--http-port");
    expect(error.message).toContain('Host "10.9.9.9" is not an address of this machine');
  });

  it("tells a lock held by another process from other storage failures", () => {
    const locked = storageStartError(new Error('IO Error: Could not set lock on file "/d/skein.duckdb"'), { kind: "duckdb", dataDir: "/d" });
    expect(locked.message).toContain("Another process (probably another Skein) holds the duckdb file in /d");
    const corrupt = storageStartError(new Error("not a database"), { kind: "duckdb", dataDir: "/d" });
    expect(corrupt.message).toContain("not corrupted");
    expect(dataDirError(systemError("EACCES", "permission denied"), "/d").message).toContain("--data-dir");
  });

  describe("ClickHouse", () => {
    // Messages and codes as @clickhouse/client 1.23.1 reports them against clickhouse-server 18.16.
    const target = { kind: "clickhouse", dataDir: "/d", server: "clickhouse at http://127.0.0.1:8123/skein", secrets: ["hunter2"] };
    const wrapped = (cause: Error) => Object.assign(new Error(`cannot reach ClickHouse: ${cause.message}`, { cause }), { code: "SKEIN_ERR_STORAGE_UNAVAILABLE" });

    it("blames the user or password when ClickHouse refuses them, in one line", () => {
      for (const message of [
        "Code: 193, e.displayText() = DB::Exception: Wrong password for user skein, e.what() = DB::Exception\n",
        "Code: 192, e.displayText() = DB::Exception: Unknown user nobody, e.what() = DB::Exception\n",
        "Code: 516. DB::Exception: skein: Authentication failed: password is incorrect, or there is no user with such name. (AUTHENTICATION_FAILED)\n",
      ]) {
        const error = storageStartError(wrapped(new Error(message)), target);
        expect(error.message).toMatch(/^cannot start clickhouse at http:\/\/127\.0\.0\.1:8123\/skein: /);
        expect(error.message).toContain("ClickHouse refused the user or password: check --clickhouse-user and the password (SKEIN_CLICKHOUSE_PASSWORD)");
        expect(error.message).not.toContain("\n");
        expect(error.message).not.toContain("--data-dir");
      }
    });

    it("says nothing answered when the server is down or the URL is wrong", () => {
      const refused = storageStartError(wrapped(systemError("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:46039")), target);
      expect(refused.message).toContain("connect ECONNREFUSED 127.0.0.1:46039");
      expect(refused.message).toContain("Nothing answered: check --clickhouse-url (the HTTP port, 8123 by default) and that the ClickHouse server is running");
      expect(storageStartError(new Error("Timeout error."), target).message).toContain("Nothing answered");
      expect(storageStartError(systemError("ENOTFOUND", "getaddrinfo ENOTFOUND ch.invalid"), target).message).toContain("--clickhouse-url");
    });

    it("falls back to the URL, credentials and server log, and never repeats the password", () => {
      const other = storageStartError(new Error("Code: 81, DB::Exception: Database x doesn't exist; connected with hunter2"), target);
      expect(other.message).toContain("Check --clickhouse-url, --clickhouse-user and the password");
      expect(other.message).toContain("create --clickhouse-database");
      expect(other.message).not.toContain("hunter2");
      expect(storageStartError(new Error("x".repeat(2000)), target).message.length).toBeLessThan(800);
    });

    it("adds no ClickHouse login advice to a locked spool, whose message already says what to do", () => {
      const locked = Object.assign(new Error("another Skein process (pid 42) uses this data dir: its ClickHouse spool /d/clickhouse-spool is locked by /d/clickhouse-spool.lock. Run one Skein per --data-dir; if no such process runs, delete /d/clickhouse-spool.lock and start again"), { code: "SKEIN_ERR_CLICKHOUSE_SPOOL_LOCKED" });
      const message = storageStartError(locked, target).message;
      expect(message).toContain("Run one Skein per --data-dir");
      expect(message).not.toContain("Check --clickhouse-url");
    });

    it("points an unknown cluster (Code 170) at --clickhouse-cluster and remote_servers, not at the URL or login", () => {
      const clusterTarget = { ...target, server: "clickhouse at http://127.0.0.1:8123/skein, cluster prod of 2 shards" };
      for (const error of [
        // The adapter's message against 18.16, with the server's code on the error.
        Object.assign(new Error("ClickHouse at http://127.0.0.1:8123 failed the statement: code 170: Requested cluster 'prod' not found"), { serverCode: 170 }),
        // A current release's exception text, as the client reports it.
        wrapped(new Error("Code: 170. DB::Exception: Requested cluster 'prod' not found. (BAD_GET) (version 24.8.1.1)")),
      ]) {
        const message = storageStartError(error, clusterTarget).message;
        expect(message).toContain("The ClickHouse server does not know cluster 'prod': check --clickhouse-cluster (SKEIN_CLICKHOUSE_CLUSTER)");
        expect(message).toContain("remote_servers");
        expect(message).not.toContain("--clickhouse-user");
        expect(message).not.toContain("Check --clickhouse-url");
      }
      const byCode = storageStartError(Object.assign(new Error("ClickHouse failed the statement"), { serverCode: 170 }), clusterTarget).message;
      expect(byCode).toContain("does not know the cluster: check --clickhouse-cluster");
    });

    it("masks a URL password in the engine's text even when it is not a configured secret", () => {
      const message = storageStartError(new Error("Code: 81, DB::Exception at http://skein:url-pw@ch:8123"), target).message;
      expect(message).toContain("http://skein:***@ch:8123");
      expect(message).not.toContain("url-pw");
    });

    it("adds no second advice to an adapter message that already names the flags to check", () => {
      const told = storageStartError(new Error("cannot reach ClickHouse at http://h:8123 (connect ECONNREFUSED). Check --clickhouse-url (SKEIN_CLICKHOUSE_URL)"), target);
      expect(told.message).toBe(
        "cannot start clickhouse at http://127.0.0.1:8123/skein: cannot reach ClickHouse at http://h:8123 (connect ECONNREFUSED). Check --clickhouse-url (SKEIN_CLICKHOUSE_URL).",
      );
    });
  });
});
