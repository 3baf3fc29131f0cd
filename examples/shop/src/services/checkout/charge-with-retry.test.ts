import { describe, expect, it } from "vitest";
import type { JsonAnswer } from "../shared/http-client.js";
import { DependencyError } from "../shared/http-client.js";
import { chargeWithRetry } from "./charge-with-retry.js";

/** A payment double answering the given statuses in order, recording the backoffs asked for. */
function payment(...statuses: number[]) {
  const calls: number[] = [];
  const sleeps: number[] = [];
  return {
    calls,
    sleeps,
    charge: async (attempt: number): Promise<JsonAnswer> => {
      calls.push(attempt);
      const status = statuses[calls.length - 1];
      if (status === undefined) throw new Error("charged more often than the test allowed");
      return { status, body: {} };
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
}

describe("chargeWithRetry", () => {
  it("sends one charge when retrying is off, whatever the answer", async () => {
    const p = payment(503);
    const outcome = await chargeWithRetry(p.charge, { retry: false, sleep: p.sleep });
    expect(outcome).toEqual({ answer: { status: 503, body: {} }, attempts: 1 });
    expect(p.sleeps).toEqual([]);
  });

  it("retries 5xx up to 2 more times with a growing backoff", async () => {
    const p = payment(503, 500, 503);
    const retries: Array<[number, number]> = [];
    const outcome = await chargeWithRetry(p.charge, { retry: true, sleep: p.sleep, onRetry: (n, s) => retries.push([n, s]) });
    expect(outcome.attempts).toBe(3);
    expect(outcome.answer.status).toBe(503);
    expect(p.calls).toEqual([1, 2, 3]);
    expect(p.sleeps).toEqual([50, 100]);
    expect(retries).toEqual([[2, 503], [3, 500]]);
  });

  it("stops at the first answer that is not 5xx", async () => {
    const p = payment(503, 201);
    expect(await chargeWithRetry(p.charge, { retry: true, sleep: p.sleep })).toEqual({ answer: { status: 201, body: {} }, attempts: 2 });
  });

  it("never retries a decline", async () => {
    const p = payment(402);
    expect((await chargeWithRetry(p.charge, { retry: true, sleep: p.sleep })).attempts).toBe(1);
  });

  it("does not retry when payment gave no answer (the card may have been charged)", async () => {
    let calls = 0;
    const charge = async (): Promise<JsonAnswer> => {
      calls++;
      throw new DependencyError("timeout", "payment");
    };
    await expect(chargeWithRetry(charge, { retry: true })).rejects.toThrow("payment did not answer in time");
    expect(calls).toBe(1);
  });
});
