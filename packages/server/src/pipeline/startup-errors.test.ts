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
    const locked = storageStartError(new Error('IO Error: Could not set lock on file "/d/skein.duckdb"'), "duckdb", "/d");
    expect(locked.message).toContain("Another process (probably another Skein) holds the duckdb file in /d");
    const corrupt = storageStartError(new Error("not a database"), "duckdb", "/d");
    expect(corrupt.message).toContain("not corrupted");
    expect(dataDirError(systemError("EACCES", "permission denied"), "/d").message).toContain("--data-dir");
  });
});
