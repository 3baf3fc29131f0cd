import { compareCodePoints } from "../code-point-order.js";
import type { AlertEventQuery, AlertStore, StoredAlertEvent, StoredAlertRule } from "../insights.js";
import { chunked } from "./memory-lifecycle.js";
import type { MemoryLifecycle } from "./memory-lifecycle.js";

/** Alert rules and events in memory, by id; readers get copies. */
export class MemoryAlertStore implements AlertStore {
  private rules = new Map<string, StoredAlertRule>();
  private events = new Map<string, StoredAlertEvent>();

  constructor(private readonly lifecycle: MemoryLifecycle) {}

  /** Id and body bytes of every document. */
  get sizeBytes(): number {
    let sum = 0;
    for (const rule of this.rules.values()) sum += 8 + Buffer.byteLength(rule.id) + Buffer.byteLength(rule.body);
    for (const event of this.events.values()) sum += 8 + Buffer.byteLength(event.id) + Buffer.byteLength(event.ruleId) + Buffer.byteLength(event.body);
    return sum;
  }

  clear(): void {
    this.rules = new Map();
    this.events = new Map();
  }

  async listRules(signal?: AbortSignal): Promise<StoredAlertRule[]> {
    this.open(signal);
    return [...this.rules.values()].sort((a, b) => compareCodePoints(a.id, b.id)).map((r) => ({ ...r }));
  }

  async getRule(id: string, signal?: AbortSignal): Promise<StoredAlertRule | undefined> {
    this.open(signal);
    const rule = this.rules.get(id);
    return rule === undefined ? undefined : { ...rule };
  }

  async putRule(rule: StoredAlertRule, signal?: AbortSignal): Promise<void> {
    this.open(signal);
    this.rules.set(rule.id, { id: rule.id, updatedAtUnixMs: rule.updatedAtUnixMs, body: rule.body });
  }

  async deleteRule(id: string, signal?: AbortSignal): Promise<boolean> {
    this.open(signal);
    return this.rules.delete(id);
  }

  async appendEvent(event: StoredAlertEvent, signal?: AbortSignal): Promise<void> {
    this.open(signal);
    this.events.set(event.id, { id: event.id, ruleId: event.ruleId, timeUnixMs: event.timeUnixMs, body: event.body });
  }

  async *findEvents(query: AlertEventQuery, signal?: AbortSignal): AsyncIterable<StoredAlertEvent[]> {
    this.open(signal);
    const found = [...this.events.values()].filter(
      (e) =>
        (query.ruleId === undefined || e.ruleId === query.ruleId) &&
        (query.startUnixMs === undefined || e.timeUnixMs >= query.startUnixMs) &&
        (query.endUnixMs === undefined || e.timeUnixMs <= query.endUnixMs),
    );
    found.sort((a, b) => b.timeUnixMs - a.timeUnixMs || compareCodePoints(b.id, a.id));
    yield* chunked(found.slice(0, Math.max(0, query.limit)), (e) => ({ ...e }), signal);
  }

  private open(signal?: AbortSignal): void {
    this.lifecycle.assertOpen();
    signal?.throwIfAborted();
  }
}
