import type { ApiAlertEvent } from "@skein/model";

/** The delivery note of a `resolved` event recorded, not sent, because its rule was disabled while firing. */
export const NOT_SENT_RULE_DISABLED = "not sent: the rule was disabled";

/** Waits before redelivery n + 1 of an event (the last entry repeats): the next pass, then 1, 2, 5, 10 minutes. */
export const REDELIVERY_BACKOFF_MS: readonly number[] = [0, 60_000, 120_000, 300_000, 600_000];
/** An event older than this is not redelivered any more (a late "firing" misleads more than it helps). */
export const REDELIVERY_MAX_AGE_MS = 3_600_000;

export interface AlertOutboxOptions {
  backoffMs?: readonly number[];
  maxAgeMs?: number;
  /** ms from a monotonic clock (immune to wall-clock steps). */
  monotonicNow: () => number;
}

interface Entry {
  event: ApiAlertEvent;
  /** Redeliveries of this event so far. */
  tries: number;
  /** monotonicNow() from which the next redelivery may start. */
  dueAt: number;
}

/** Whether an event still awaits delivery: not delivered, and not an event that is never sent. */
export function awaitsDelivery(event: ApiAlertEvent): boolean {
  return !event.delivery.ok && event.delivery.error !== NOT_SENT_RULE_DISABLED;
}

/**
 * The notifications not delivered yet, at most one per rule: its latest event, when that one's
 * delivery failed (or was cut short by a shutdown or crash). Storage is the durable outbox — every
 * event is stored with its delivery outcome, and at start the latest event of each rule is read
 * back (put()) — this class keeps which are pending and when each may be retried.
 */
export class AlertOutbox {
  readonly #entries = new Map<string, Entry>();
  readonly #backoff: readonly number[];
  readonly maxAgeMs: number;

  constructor(private readonly options: AlertOutboxOptions) {
    this.#backoff = options.backoffMs ?? REDELIVERY_BACKOFF_MS;
    this.maxAgeMs = options.maxAgeMs ?? REDELIVERY_MAX_AGE_MS;
  }

  /** Records the outcome of a (re)delivery of the rule's latest event: pending again with a longer wait, or done. */
  settled(event: ApiAlertEvent): void {
    if (!awaitsDelivery(event)) {
      this.#entries.delete(event.ruleId);
      return;
    }
    const previous = this.#entries.get(event.ruleId);
    const tries = previous?.event.id === event.id ? previous.tries + 1 : 0;
    this.#entries.set(event.ruleId, { event, tries, dueAt: this.options.monotonicNow() + this.#wait(tries) });
  }

  /** An event read back from storage at start that awaits delivery: due at once. */
  put(event: ApiAlertEvent): void {
    if (awaitsDelivery(event)) this.#entries.set(event.ruleId, { event, tries: 0, dueAt: this.options.monotonicNow() });
  }

  drop(ruleId: string): void {
    this.#entries.delete(ruleId);
  }

  /** Drops the entries of rules not in `ruleIds`. */
  retain(ruleIds: ReadonlySet<string>): void {
    for (const ruleId of this.#entries.keys()) if (!ruleIds.has(ruleId)) this.#entries.delete(ruleId);
  }

  /** The pending events whose wait is over. */
  due(): ApiAlertEvent[] {
    const now = this.options.monotonicNow();
    return [...this.#entries.values()].filter((entry) => entry.dueAt <= now).map((entry) => entry.event);
  }

  get size(): number {
    return this.#entries.size;
  }

  #wait(tries: number): number {
    return this.#backoff[Math.min(tries, this.#backoff.length - 1)] ?? 0;
  }
}
