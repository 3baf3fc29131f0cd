import { collect } from "@skein/storage/testing";
import { afterEach, describe, expect, it } from "vitest";
import { decodeEvent, encodeEvent } from "./alert-codec.js";
import { DELIVERY_IN_PROGRESS } from "./alert-notifier.js";
import { MIN, T0, closeStorages, errorRule, newStorage, setup, traffic } from "./testing/evaluator-setup.js";

afterEach(closeStorages);

/** A monotonic clock the test moves. */
function monotonic() {
  const clock = { at: 0, now: () => clock.at };
  return clock;
}

describe("redelivery of notifications not delivered", () => {
  it("retries the rule's latest event on later passes, same id, attempts added up, until delivered", async () => {
    const mono = monotonic();
    const { fake, rules, evaluator, notifier } = await setup(undefined, { monotonicNow: mono.now, redelivery: { backoffMs: [0, 60_000] } });
    const rule = await rules.create(errorRule);
    notifier.failing = true;
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0);
    await evaluator.idle();
    await evaluator.evaluateAll(T0 + MIN); // first retry: the next pass (backoff 0), fails again
    await evaluator.idle();
    mono.at = 59_999;
    await evaluator.evaluateAll(T0 + 2 * MIN); // second retry waits 60 s
    await evaluator.idle();
    expect(notifier.calls.map((c) => c.kind)).toEqual(["notify", "redeliver"]);

    notifier.failing = false;
    mono.at = 60_000;
    await evaluator.evaluateAll(T0 + 3 * MIN);
    await evaluator.idle();
    await evaluator.evaluateAll(T0 + 4 * MIN); // delivered: nothing more
    await evaluator.idle();
    expect(notifier.calls.map((c) => [c.kind, c.eventId])).toEqual([
      ["notify", notifier.calls[0]!.eventId],
      ["redeliver", notifier.calls[0]!.eventId],
      ["redeliver", notifier.calls[0]!.eventId],
    ]);
    const events = (await collect(fake.memory.alerts.findEvents({ ruleId: rule.id, limit: 10 }))).map(decodeEvent);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ state: "firing", time: T0, delivery: { ok: true, status: 200, attempts: 3 } });
  });

  it("redelivers at start the latest event a shutdown or crash left undelivered, but not older ones nor stale ones", async () => {
    const fake = await newStorage();
    const { rules } = await setup(fake);
    const cut = await rules.create(errorRule);
    const superseded = await rules.create({ ...errorRule, name: "superseded" });
    const stale = await rules.create({ ...errorRule, name: "stale" });
    const event = (id: string, ruleId: string, state: "firing" | "resolved", time: number, delivery = DELIVERY_IN_PROGRESS) =>
      encodeEvent({ id, ruleId, ruleName: "x", state, time, service: "checkout", operation: null, value: 50, threshold: 10, text: "", exemplars: [], delivery });
    const shutdown = { ok: false, status: null, error: "not delivered: the server is shutting down", attempts: 1 };
    await fake.memory.alerts.appendEvent(event("cut", cut.id, "firing", T0 - MIN, shutdown));
    await fake.memory.alerts.appendEvent(event("old", superseded.id, "firing", T0 - 2 * MIN));
    await fake.memory.alerts.appendEvent(event("new", superseded.id, "resolved", T0 - MIN, { ok: true, status: 200, error: null, attempts: 1 }));
    await fake.memory.alerts.appendEvent(event("stale", stale.id, "firing", T0 - 61 * MIN));

    const restarted = await setup(fake);
    await restarted.evaluator.evaluateAll(T0);
    await restarted.evaluator.idle();
    expect(restarted.notifier.calls.map((c) => [c.kind, c.eventId])).toEqual([["redeliver", "cut"]]);
    const stored = decodeEvent((await collect(fake.memory.alerts.findEvents({ ruleId: cut.id, limit: 1 })))[0]!);
    expect(stored).toMatchObject({ id: "cut", delivery: { ok: true, attempts: 2 } });
    // The states come back from the latest events: no second firing for a firing rule.
    expect(restarted.evaluator.runtimeOf(cut.id).state).toBe("firing");
  });

  it("gives up on an event older than an hour, and drops it for a disabled or deleted rule", async () => {
    const mono = monotonic();
    const { fake, rules, evaluator, notifier } = await setup(undefined, { monotonicNow: mono.now });
    const rule = await rules.create(errorRule);
    const other = await rules.create({ ...errorRule, name: "other" });
    notifier.failing = true;
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0); // both fire, both fail
    await evaluator.idle();
    await fake.memory.alerts.deleteRule(other.id);
    await evaluator.evaluateAll(T0 + 61 * MIN);
    await evaluator.idle();
    expect(notifier.calls.filter((c) => c.kind === "redeliver")).toEqual([]);
    expect(evaluator.runtimeOf(rule.id).state).toBe("firing");
  });
});
