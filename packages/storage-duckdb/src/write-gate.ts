/**
 * Orders DuckDB write transactions against retention. Writers (log commits, span log applies) run
 * `shared`, any number at once; retention runs `exclusive`, alone. DuckDB skips a CHECKPOINT
 * while another write transaction is open, so without this the checkpoint after retention's
 * DELETE would often do nothing and the freed space would not be reused until much later.
 *
 * Fair to the exclusive side: once an exclusive call waits, new shared calls queue behind it, so a
 * steady stream of writes cannot starve retention; the waiting writes run right after it.
 * Reads never pass through the gate.
 */
export class WriteGate {
  private sharedActive = 0;
  private exclusiveActive = false;
  /** Waiters in arrival order; an exclusive waiter blocks every later waiter. */
  private queue: { exclusive: boolean; wake: () => void }[] = [];

  async shared<T>(fn: () => Promise<T>): Promise<T> {
    if (this.exclusiveActive || this.queue.length > 0) await this.wait(false);
    else this.sharedActive++;
    try {
      return await fn();
    } finally {
      this.sharedActive--;
      this.pump();
    }
  }

  async exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (this.exclusiveActive || this.sharedActive > 0 || this.queue.length > 0) await this.wait(true);
    else this.exclusiveActive = true;
    try {
      return await fn();
    } finally {
      this.exclusiveActive = false;
      this.pump();
    }
  }

  /** Resolves once the caller holds the gate (the counters are already updated by pump()). */
  private wait(exclusive: boolean): Promise<void> {
    return new Promise((wake) => this.queue.push({ exclusive, wake }));
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.exclusiveActive) {
      const next = this.queue[0]!;
      if (next.exclusive) {
        if (this.sharedActive > 0) return;
        this.exclusiveActive = true;
      } else {
        this.sharedActive++;
      }
      this.queue.shift();
      next.wake();
    }
  }
}
