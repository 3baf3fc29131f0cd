import { collect } from "@skein/storage/testing";
import { afterEach, describe, expect, it } from "vitest";
import { decodeEvent, encodeEvent } from "./alert-codec.js";
import { MIN, T0, closeStorages, errorRule, newStorage, quietLogger, setup, traffic } from "./testing/evaluator-setup.js";

afterEach(closeStorages);

describe("AlertEvaluator", () => {
  it("fires once when the value crosses the threshold and resolves once when it falls back", async () => {
    const { fake, rules, evaluator, sent } = await setup();
    const rule = await rules.create(errorRule);
    await traffic(fake, T0, 10, 1); // 10 %: not above
    await evaluator.evaluateAll(T0);
    expect(sent).toEqual([]);
    expect(evaluator.runtimeOf(rule.id)).toEqual({ state: "ok", lastEvaluatedAt: T0, lastValue: 10 });

    await traffic(fake, T0 + MIN, 10, 5); // 50 %
    await evaluator.evaluateAll(T0 + MIN);
    await evaluator.evaluateAll(T0 + MIN + 1_000); // still firing: nothing more
    await evaluator.idle();
    expect(sent).toEqual([{ ruleId: rule.id, state: "firing", value: 50, time: T0 + MIN }]);
    expect(evaluator.runtimeOf(rule.id).state).toBe("firing");

    await traffic(fake, T0 + 2 * MIN, 20, 0);
    await evaluator.evaluateAll(T0 + 2 * MIN);
    await evaluator.idle();
    expect(sent.map((s) => s.state)).toEqual(["firing", "resolved"]);
    expect(sent[1]).toEqual({ ruleId: rule.id, state: "resolved", value: 0, time: T0 + 2 * MIN });
  });

  it("keeps the state while there is no data (fewer than minRequests)", async () => {
    const { fake, rules, evaluator, sent } = await setup();
    const rule = await rules.create(errorRule);
    await traffic(fake, T0, 5, 5);
    await evaluator.evaluateAll(T0);
    await traffic(fake, T0 + MIN, 4, 0); // 4 < minRequests 5: no data
    await evaluator.evaluateAll(T0 + MIN);
    await evaluator.evaluateAll(T0 + 5 * MIN); // nothing at all
    await evaluator.idle();
    expect(sent.map((s) => s.state)).toEqual(["firing"]);
    expect(evaluator.runtimeOf(rule.id)).toEqual({ state: "firing", lastEvaluatedAt: T0 + 5 * MIN, lastValue: null });
  });

  it("rebuilds the state from the latest event after a restart: no second firing", async () => {
    const fake = await newStorage();
    const first = await setup(fake);
    const rule = await first.rules.create(errorRule);
    const other = await first.rules.create({ ...errorRule, name: "other" });
    const event = (id: string, ruleId: string, state: "firing" | "resolved", time: number) =>
      encodeEvent({ id, ruleId, ruleName: "x", state, time, service: "checkout", operation: null, value: 1, threshold: 1, text: "", exemplars: [], delivery: { ok: true, status: 200, error: null, attempts: 1 } });
    await fake.memory.alerts.appendEvent(event("e1", rule.id, "resolved", T0 - 2 * MIN));
    await fake.memory.alerts.appendEvent(event("e2", rule.id, "firing", T0 - MIN));
    await fake.memory.alerts.appendEvent(event("e3", other.id, "firing", T0 - 2 * MIN));
    await fake.memory.alerts.appendEvent(event("e4", other.id, "resolved", T0 - MIN));

    const restarted = await setup(fake);
    await traffic(fake, T0, 10, 10);
    await restarted.evaluator.evaluateAll(T0);
    await restarted.evaluator.idle();
    expect(restarted.sent).toEqual([{ ruleId: other.id, state: "firing", value: 100, time: T0 }]);
    expect(restarted.evaluator.runtimeOf(rule.id).state).toBe("firing");
  });

  it("skips disabled rules and goes on when one rule cannot be measured", async () => {
    const { fake, rules, evaluator, sent } = await setup();
    await rules.create({ ...errorRule, enabled: false });
    const enabled = await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0);
    await evaluator.idle();
    expect(sent.map((s) => s.ruleId)).toEqual([enabled.id]);

    fake.metricsFailure = new Error("engine down");
    quietLogger.warnings.length = 0;
    await evaluator.evaluateAll(T0 + MIN);
    expect(quietLogger.warnings).toEqual([
      "alert: evaluating the rule failed; it keeps its state until the next pass",
    ]);
    expect(evaluator.runtimeOf(enabled.id).state).toBe("firing");
  });

  it("does not wait for a slow notification, and sends a rule's notifications in order", async () => {
    let release!: () => void;
    const { fake, rules, evaluator, notifier, sent } = await setup();
    notifier.gate = new Promise<void>((resolve) => (release = resolve));
    await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0); // returns although the firing notification hangs
    await traffic(fake, T0 + MIN, 100, 0);
    await evaluator.evaluateAll(T0 + MIN);
    expect(sent.map((s) => s.state)).toEqual(["firing"]);
    release();
    await evaluator.idle();
    const events = (await collect(fake.memory.alerts.findEvents({ limit: 10 }))).map(decodeEvent);
    expect(events.map((e) => [e!.state, e!.delivery.ok])).toEqual([["resolved", true], ["firing", true]]);
  });
});
