/**
 * Whether ClickHouse is known to be down: a write or replay failed without a usable answer
 * (unreachable, timeout, an error that concerns every write; insert-failure.ts) and no request
 * has succeeded since. While down, writes go straight to the spool and the replayer probes with
 * backoff. Starts up (optimistic: the first insert tells). Also remembers when an insert last
 * succeeded: evidence that ClickHouse takes writes, which tells a bad write from a sick server.
 */
export class ClickHouseAvailability {
  private downSince: number | undefined;
  private lastInsertAt = -Infinity;
  private readonly listeners: ((down: boolean, reason: unknown) => void)[] = [];

  get isDown(): boolean {
    return this.downSince !== undefined;
  }

  /** When ClickHouse last confirmed an insert (ms since epoch; -Infinity: never). */
  get lastInsertSucceededAt(): number {
    return this.lastInsertAt;
  }

  /** Called with the new state on every change (down: the failure that caused it). */
  onChange(listener: (down: boolean, reason: unknown) => void): void {
    this.listeners.push(listener);
  }

  markDown(reason: unknown): void {
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    for (const l of this.listeners) l(true, reason);
  }

  /** ClickHouse answered (a probe, a query). */
  markUp(): void {
    if (this.downSince === undefined) return;
    this.downSince = undefined;
    for (const l of this.listeners) l(false, undefined);
  }

  /** ClickHouse confirmed an insert. */
  insertSucceeded(): void {
    this.lastInsertAt = Date.now();
    this.markUp();
  }
}
