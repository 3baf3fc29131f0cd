import { afterEach, describe, expect, it } from "vitest";
import { encodeEvent } from "./alert-codec.js";
import { AlertEvaluator } from "./alert-evaluator.js";
import type { AlertMeasurement } from "./alert-measure.js";
import type { AlertRule, AlertRuleFields } from "./alert-rule.js";
import { AlertRules } from "./alert-rules.js";
import type { AlertLogger } from "./alert-telemetry.js";
import { AlertTestStorage } from "./testing/alert-test-storage.js";

const MIN = 60_000;
const T0 = 1_800_000_000_000;

interface Sent {
  ruleId: string;
  state: "firing" | "resolved";
  value: number | null;
  time: number;
}

const quietLogger: AlertLogger & { warnings: string[] } = { warnings: [], info() {}, warn(_f, m) { quietLogger.warnings.push(m); }, error(_f, m) { quietLogger.warnings.push(m); } };

const opened: AlertTestStorage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.memory.shutdown();
});

async function newStorage(): Promise<AlertTestStorage> {
  const storage = new AlertTestStorage();
  await storage.memory.start();
  opened.push(storage);
  return storage;
}

async function setup(storage?: AlertTestStorage, notify?: (sent: Sent) => Promise<void>) {
  const fake = storage ?? (await newStorage());
  const sent: Sent[] = [];
  const rules = new AlertRules(fake.memory.alerts, () => T0);
  const notifier = {
    async notify(rule: AlertRule, state: "firing" | "resolved", measurement: AlertMeasurement, time: number) {
      const entry = { ruleId: rule.id, state, value: measurement.value, time };
      sent.push(entry);
      await notify?.(entry);
    },
  };
  const evaluator = new AlertEvaluator({ storage: fake.storage, rules, notifier, logger: quietLogger });
  return { fake, rules, evaluator, sent };
}

const errorRule: AlertRuleFields = {
  name: "errors",
  service: "checkout",
  operation: null,
  condition: { type: "error-rate", thresholdPercent: 10 },
  window: "1m",
  windowMs: MIN,
  minRequests: 5,
  webhookUrl: "http://127.0.0.1:9/",
  enabled: true,
};

/** Requests of checkout in the minute of `t`: `total` of which `errors` failed. */
async function traffic(fake: AlertTestStorage, t: number, total: number, errors: number) {
  const minuteUnixMs = Math.floor(t / MIN) * MIN;
  if (errors > 0) await fake.addMetric({ minuteUnixMs, service: "checkout", operation: "pay", durationNano: 1e6, count: errors, error: true });
  if (total > errors) await fake.addMetric({ minuteUnixMs, service: "checkout", operation: "pay", durationNano: 1e6, count: total - errors });
}

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
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const { fake, rules, evaluator } = await setup(undefined, async (sent) => {
      if (sent.state === "firing") await gate;
      order.push(sent.state);
    });
    await rules.create(errorRule);
    await traffic(fake, T0, 10, 10);
    await evaluator.evaluateAll(T0); // returns although the firing notification hangs
    await traffic(fake, T0 + MIN, 100, 0);
    await evaluator.evaluateAll(T0 + MIN);
    expect(order).toEqual([]);
    release();
    await evaluator.idle();
    expect(order).toEqual(["firing", "resolved"]);
  });
});
