import type { ApiAlertEvent } from "@skein/model";
import { collect } from "@skein/storage/testing";
import { afterEach, describe, expect, it } from "vitest";
import { decodeEvent, encodeEvent } from "./alert-codec.js";
import { NOT_SENT_RULE_DISABLED } from "./alert-outbox.js";
import type { AlertTelemetry } from "./alert-telemetry.js";
import { MIN, T0, closeStorages, errorRule, newStorage, setup, traffic } from "./testing/evaluator-setup.js";

// Rules changing under a pass (edited, disabled, deleted), time going back, and nodes that do not evaluate.

afterEach(closeStorages);

function firingGauge(): AlertTelemetry & { values: number[] } {
  const values: number[] = [];
  return { values, passFinished() {}, notificationFinished() {}, firing: (count) => void values.push(count) };
}

async function eventsOf(fake: Awaited<ReturnType<typeof setup>>["fake"]): Promise<ApiAlertEvent[]> {
  return (await collect(fake.memory.alerts.findEvents({ limit: 100 }))).map((e) => decodeEvent(e)!);
}

describe("a rule deleted or edited during a pass", () => {
  it("is not notified when deleted while it is measured, and its state is gone", async () => {
    const telemetry = firingGauge();
    const { fake, rules, evaluator, sent } = await setup(undefined, { telemetry });
    const rule = await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    const reader = fake.storage.metrics.reader;
    const read = reader.querySpanMetrics.bind(reader);
    reader.querySpanMetrics = (query, signal) => {
      // As DELETE /alerts/rules/{id} does, while the pass reads the rule's rollups.
      void rules.delete(rule.id).then(() => evaluator.forget(rule.id));
      return read(query, signal);
    };
    await evaluator.evaluateAll(T0);
    await evaluator.idle();
    expect(sent).toEqual([]);
    expect(evaluator.runtimeOf(rule.id)).toEqual({ state: "ok", lastEvaluatedAt: null, lastValue: null });
    expect(telemetry.values.at(-1)).toBe(0);
  });

  it("is not notified when deleted on another node (read again before a state change)", async () => {
    const { fake, rules, evaluator, sent } = await setup();
    const rule = await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    const reader = fake.storage.metrics.reader;
    const read = reader.querySpanMetrics.bind(reader);
    reader.querySpanMetrics = (query, signal) => {
      void fake.memory.alerts.deleteRule(rule.id); // no forget(): another node's API
      return read(query, signal);
    };
    await evaluator.evaluateAll(T0);
    await evaluator.idle();
    expect(sent).toEqual([]);
    expect(evaluator.runtimeOf(rule.id).lastEvaluatedAt).toBeNull();
  });

  it("is measured again in its new version when edited while measured", async () => {
    const { fake, rules, evaluator, sent } = await setup();
    const rule = await rules.create(errorRule);
    await traffic(fake, T0, 10, 5); // 50 %
    const reader = fake.storage.metrics.reader;
    const read = reader.querySpanMetrics.bind(reader);
    let edited = false;
    reader.querySpanMetrics = (query, signal) => {
      if (!edited) {
        edited = true;
        // Raise the threshold above 50 % while the old version (10 %) is being measured.
        void rules.replace(rule.id, { ...errorRule, condition: { type: "error-rate", thresholdPercent: 60 } }).then(({ previous, rule: next }) => evaluator.ruleReplaced(previous, next));
      }
      return read(query, signal);
    };
    await evaluator.evaluateAll(T0);
    await evaluator.idle();
    expect(sent).toEqual([]);
    await evaluator.evaluateAll(T0 + 1);
    expect(evaluator.runtimeOf(rule.id)).toMatchObject({ state: "ok", lastValue: 50 });
  });

  it("drops the state of rules deleted elsewhere at the next pass: the firing gauge stops counting them", async () => {
    const telemetry = firingGauge();
    const { fake, rules, evaluator } = await setup(undefined, { telemetry });
    const rule = await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0);
    expect(telemetry.values.at(-1)).toBe(1);
    await fake.memory.alerts.deleteRule(rule.id);
    await evaluator.evaluateAll(T0 + MIN);
    expect(telemetry.values.at(-1)).toBe(0);
    expect(evaluator.runtimeOf(rule.id).state).toBe("ok");
  });
});

describe("a rule disabled while firing", () => {
  it("records a resolved event without notifying and stops counting as firing", async () => {
    const telemetry = firingGauge();
    const { fake, rules, evaluator, sent } = await setup(undefined, { telemetry });
    const rule = await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0);
    await evaluator.idle();
    const { previous, rule: disabled } = await rules.replace(rule.id, { ...errorRule, enabled: false });
    await evaluator.ruleReplaced(previous, disabled);
    await evaluator.idle();
    expect(sent.map((s) => s.state)).toEqual(["firing"]);
    expect(evaluator.runtimeOf(rule.id).state).toBe("ok");
    expect(telemetry.values.at(-1)).toBe(0);
    const [latest] = await eventsOf(fake);
    expect(latest).toMatchObject({ state: "resolved", ruleId: rule.id, value: null, delivery: { ok: false, status: null, error: NOT_SENT_RULE_DISABLED, attempts: 0 } });
    expect(latest!.text).toContain("the rule was disabled while firing");
    // Enabled again: it fires anew (and the not-sent event is never "redelivered").
    const { previous: off, rule: on } = await rules.replace(rule.id, errorRule);
    await evaluator.ruleReplaced(off, on);
    await evaluator.evaluateAll(T0 + 1);
    await evaluator.idle();
    expect(sent.map((s) => s.state)).toEqual(["firing", "firing"]);
  });

  it("is recorded on a node that does not evaluate too, from the latest event", async () => {
    const fake = await newStorage();
    const evaluating = await setup(fake);
    const rule = await evaluating.rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    await evaluating.evaluator.evaluateAll(T0);
    await evaluating.evaluator.idle();
    const other = await setup(fake, { evaluate: false });
    expect((await other.evaluator.runtimesOf([rule]))[0]).toEqual({ state: "firing", lastEvaluatedAt: T0, lastValue: 100 });
    const { previous, rule: disabled } = await other.rules.replace(rule.id, { ...errorRule, enabled: false });
    await other.evaluator.ruleReplaced(previous, disabled);
    expect((await eventsOf(fake)).map((e) => e.state)).toEqual(["resolved", "firing"]);
    expect((await other.evaluator.runtimesOf([disabled]))[0]!.state).toBe("ok");
  });
});

describe("event times", () => {
  it("never go back for a rule when the wall clock steps back", async () => {
    const { fake, rules, evaluator, sent } = await setup();
    await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0);
    const back = T0 - 3_600_000; // NTP steps the clock back an hour
    await traffic(fake, back, 10, 0);
    await evaluator.evaluateAll(back);
    await evaluator.idle();
    expect(sent.map((s) => [s.state, s.time])).toEqual([["firing", T0], ["resolved", T0 + 1]]);
    expect((await eventsOf(fake)).map((e) => e.state)).toEqual(["resolved", "firing"]); // newest first, as stored
  });
});

describe("a node that does not evaluate", () => {
  it("shows each rule's state, time and value from its latest event", async () => {
    const fake = await newStorage();
    const { rules, evaluator } = await setup(fake, { evaluate: false });
    const firing = await rules.create(errorRule);
    const quiet = await rules.create({ ...errorRule, name: "quiet" });
    const event = (id: string, ruleId: string, state: "firing" | "resolved", time: number, value: number) =>
      encodeEvent({ id, ruleId, ruleName: "x", state, time, service: "checkout", operation: null, value, threshold: 10, text: "", exemplars: [], delivery: { ok: true, status: 200, error: null, attempts: 1 } });
    await fake.memory.alerts.appendEvent(event("a", firing.id, "resolved", T0 - 2 * MIN, 1));
    await fake.memory.alerts.appendEvent(event("b", firing.id, "firing", T0 - MIN, 42));
    expect(await evaluator.runtimesOf([firing, quiet])).toEqual([
      { state: "firing", lastEvaluatedAt: T0 - MIN, lastValue: 42 },
      { state: "ok", lastEvaluatedAt: null, lastValue: null },
    ]);
  });
});
