import type { AlertEvaluatorOptions } from "../alert-evaluator.js";
import { AlertEvaluator } from "../alert-evaluator.js";
import type { AlertRuleFields } from "../alert-rule.js";
import { AlertRules } from "../alert-rules.js";
import type { AlertLogger } from "../alert-telemetry.js";
import { AlertTestStorage } from "./alert-test-storage.js";
import { RecordingNotifier } from "./recording-notifier.js";

/** Shared setup of the evaluator tests. */
export const MIN = 60_000;
/** A minute boundary. */
export const T0 = 1_800_000_000_000;

export const quietLogger: AlertLogger & { warnings: string[] } = { warnings: [], info() {}, warn(_f, m) { quietLogger.warnings.push(m); }, error(_f, m) { quietLogger.warnings.push(m); } };

const opened: AlertTestStorage[] = [];
/** Shuts down every storage newStorage() opened (afterEach). */
export async function closeStorages(): Promise<void> {
  for (const storage of opened.splice(0)) await storage.memory.shutdown();
}

export async function newStorage(): Promise<AlertTestStorage> {
  const storage = new AlertTestStorage();
  await storage.memory.start();
  opened.push(storage);
  return storage;
}

let eventIds = 0;

/** An evaluator over a fresh (or the given) storage with a recording notifier; lag 0, so a pass at t measures the minutes before t's. */
export async function setup(storage?: AlertTestStorage, options: Partial<AlertEvaluatorOptions> = {}) {
  const fake = storage ?? (await newStorage());
  const rules = new AlertRules(fake.memory.alerts, () => T0);
  const notifier = new RecordingNotifier(fake.memory.alerts);
  const evaluator = new AlertEvaluator({ storage: fake.storage, rules, notifier, logger: quietLogger, lagMs: 0, now: () => T0, newId: () => `ev${++eventIds}`, ...options });
  return { fake, rules, evaluator, notifier, sent: notifier.sent };
}

export const errorRule: AlertRuleFields = {
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

/** Requests of checkout in the last complete minute a pass at `t` measures (lag 0): `total` of which `errors` failed. */
export async function traffic(fake: AlertTestStorage, t: number, total: number, errors: number) {
  const minuteUnixMs = Math.floor(t / MIN) * MIN - MIN;
  if (errors > 0) await fake.addMetric({ minuteUnixMs, service: "checkout", operation: "pay", durationNano: 1e6, count: errors, error: true });
  if (total > errors) await fake.addMetric({ minuteUnixMs, service: "checkout", operation: "pay", durationNano: 1e6, count: total - errors });
}

