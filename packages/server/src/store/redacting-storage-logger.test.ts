import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { redactingStorageLogger } from "./redacting-storage-logger.js";

class EngineError extends Error {
  readonly serverCode = 516;
}

/** A real pino logger (the server's shape) writing JSON lines to `lines`. */
function recordingPino() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
  return { lines, logger: pino({ level: "info" }, stream) };
}

describe("redactingStorageLogger", () => {
  it("replaces the secrets and URL passwords in the message, fields and errors with ***", () => {
    const { lines, logger } = recordingPino();
    const storageLogger = redactingStorageLogger(logger.child({ component: "storage" }), ["hunter2"]);
    const cause = new Error("connect ECONNREFUSED, password hunter2");
    const err = new EngineError("ClickHouse at http://skein:hunter2@ch:8123 is unavailable", { cause });
    const fields = { reason: "ClickHouse at http://skein:hunter2@ch:8123 refused", err, nested: [{ url: new URL("http://skein:other@ch2:8123") }], spooled: 3 };
    storageLogger.warn(fields, "ClickHouse is down (hunter2)");

    expect(lines).toHaveLength(1);
    const text = lines[0]!;
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("other@");
    const line = JSON.parse(text) as { err: { stack: string }; nested: unknown };
    expect(line).toMatchObject({ level: 40, component: "storage", msg: "ClickHouse is down (***)", reason: "ClickHouse at http://skein:***@ch:8123 refused", spooled: 3 });
    // pino's err serializer appends the cause's message.
    expect(line.err).toMatchObject({ type: "EngineError", message: "ClickHouse at http://skein:***@ch:8123 is unavailable: connect ECONNREFUSED, password ***", serverCode: 516 });
    expect(line.err.stack).toContain("ClickHouse at http://skein:***@ch:8123 is unavailable\n    at ");
    expect(line.err.stack).toContain("caused by: Error: connect ECONNREFUSED, password ***");
    expect(line.nested).toEqual([{ url: "http://skein:***@ch2:8123/" }]);
    // The caller's objects are untouched.
    expect(err.message).toContain("hunter2");
    expect(fields.reason).toContain("hunter2");
  });

  it("passes every level through and survives cycles", () => {
    const { lines, logger } = recordingPino();
    const storageLogger = redactingStorageLogger(logger, ["s3cret"]);
    const cyclic: Record<string, unknown> = { name: "s3cret" };
    cyclic.self = cyclic;
    storageLogger.info({ cyclic }, "info s3cret");
    storageLogger.error({}, "error s3cret");
    expect(lines.map((l) => (JSON.parse(l) as { level: number; msg: string }).level)).toEqual([30, 50]);
    expect(lines.join("")).not.toContain("s3cret");
  });
});
