/** Commits a group of items in one transaction; rejects if nothing was committed. */
export type CommitFn<T> = (items: T[]) => Promise<void>;

interface Request<T> {
  items: T[];
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

/**
 * Group commit. A submit() while a commit slot is free commits at once (a lone request is never
 * delayed); the submits that arrive while all `maxInFlight` slots are busy are merged into the
 * next commit, up to `maxItems` per commit (a larger single request is committed alone, whole).
 * Commits run one at a time unless `maxInFlight` says otherwise. Each submit() resolves only after
 * ITS items are committed and rejects if their commit failed. When a merged commit fails, its
 * requests are retried one by one, so one bad request fails alone. A request whose signal aborts
 * before its commit starts is dropped and rejects with the signal's reason; once the commit has
 * started, the abort is ignored (the data may already be durable).
 */
export class GroupCommitQueue<T> {
  private pending: Request<T>[] = [];
  private active = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly commit: CommitFn<T>,
    private readonly maxItems: number,
    private readonly maxInFlight = 1,
  ) {}

  submit(items: T[], signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const request: Request<T> = { items, resolve, reject, signal, onAbort: () => this.abort(request) };
      signal?.addEventListener("abort", request.onAbort, { once: true });
      this.pending.push(request);
      this.pump();
    });
  }

  /** Resolves once every request submitted so far is settled. */
  drain(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private abort(request: Request<T>): void {
    const index = this.pending.indexOf(request);
    if (index < 0) return; // already taken into a commit
    this.pending.splice(index, 1);
    request.reject(request.signal?.reason);
  }

  private take(): Request<T>[] {
    let count = 0;
    let n = 0;
    while (n < this.pending.length && (n === 0 || count + this.pending[n]!.items.length <= this.maxItems)) {
      count += this.pending[n]!.items.length;
      n++;
    }
    const group = this.pending.splice(0, n);
    for (const r of group) r.signal?.removeEventListener("abort", r.onAbort);
    return group;
  }

  private pump(): void {
    while (this.active < this.maxInFlight && this.pending.length > 0) {
      this.active++;
      void this.commitGroup(this.take()).then(() => {
        this.active--;
        this.pump();
        if (this.active === 0) this.notifyIdle();
      });
    }
  }

  private async commitGroup(group: Request<T>[]): Promise<void> {
    try {
      await this.commit(group.length === 1 ? group[0]!.items : group.flatMap((r) => r.items));
      for (const r of group) r.resolve();
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else await this.commitOneByOne(group);
    }
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async commitOneByOne(group: Request<T>[]): Promise<void> {
    for (const r of group) {
      try {
        await this.commit(r.items);
        r.resolve();
      } catch (error) {
        r.reject(error);
      }
    }
  }
}
