/**
 * Whether ClickHouse is known to be down: a write or replay failed with a retryable error (or
 * got no answer in time) and no request has succeeded since. While down, writes go straight to
 * the spool and the replayer probes with backoff. Starts up (optimistic: the first insert tells).
 */
export class ClickHouseAvailability {
  private downSince: number | undefined;
  private readonly listeners: ((down: boolean, reason: unknown) => void)[] = [];

  get isDown(): boolean {
    return this.downSince !== undefined;
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

  markUp(): void {
    if (this.downSince === undefined) return;
    this.downSince = undefined;
    for (const l of this.listeners) l(false, undefined);
  }
}
