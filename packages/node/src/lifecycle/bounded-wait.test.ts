import { describe, expect, it } from "vitest";
import { settledWithin } from "./bounded-wait.js";

const never = new Promise<void>(() => undefined);

describe("settledWithin", () => {
  it("is true when the work settles in time, fulfilled or rejected", async () => {
    expect(await settledWithin(Promise.resolve(), { timeoutMs: 1_000 })).toBe(true);
    expect(await settledWithin(Promise.reject(new Error("export failed")), { timeoutMs: 1_000 })).toBe(true);
  });

  it("is false after the timeout when the work is still pending", async () => {
    const started = Date.now();
    expect(await settledWithin(never, { timeoutMs: 50 })).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });

  it("is false as soon as the signal aborts, or at once when it already has", async () => {
    const controller = new AbortController();
    const waiting = settledWithin(never, { timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    const started = Date.now();
    expect(await waiting).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await settledWithin(never, { signal: AbortSignal.abort() })).toBe(false);
  });
});
