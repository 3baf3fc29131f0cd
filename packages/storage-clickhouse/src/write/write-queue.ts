import type { EncodedWrite } from "../encoded-write.js";

/** One write waiting for its group; the commit function settles it. */
export interface QueuedWrite {
  readonly write: EncodedWrite;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/** Stores a group of writes and settles every one of them; resolves once all are settled. */
export type CommitGroup = (group: QueuedWrite[]) => Promise<void>;

interface Entry extends QueuedWrite {
  readonly bytes: number;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/**
 * Group commit for ClickHouse, which wants few large inserts. A write submitted while no group is
 * being committed goes at once (a lone write is never delayed); writes submitted meanwhile wait
 * and go together in the next group, up to `maxRows` rows and `maxBytes` of JSON per group (a
 * larger single write goes alone, whole). At most `maxConcurrent` groups at a time (measured
 * with 4 ingest clients on 2 cores: 1 group 26.8k spans/s, 2 groups 30.6k, 3 groups 24.2k); a
 * group's slot is free once all its writes are settled (acknowledged or refused), not when its
 * insert ends. A write whose
 * signal aborts before its group starts is dropped and rejects with the signal's reason; after
 * that the abort is ignored (the data may already be durable).
 */
export class WriteQueue {
  private pending: Entry[] = [];
  /** Groups being committed, at most maxConcurrent. */
  private committing = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly commit: CommitGroup,
    private readonly maxRows: number,
    private readonly maxBytes: number,
    private readonly maxConcurrent = 1,
  ) {}

  submit(write: EncodedWrite, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<void>((resolve, reject) => {
      const bytes = write.main.body.length + write.side.reduce((n, p) => n + p.body.length, 0);
      const entry: Entry = { write, bytes, resolve, reject, signal, onAbort: () => this.abort(entry) };
      signal?.addEventListener("abort", entry.onAbort, { once: true });
      this.pending.push(entry);
      this.pump();
    });
  }

  /** Resolves once every write submitted so far is settled. */
  settled(): Promise<void> {
    if (this.committing === 0 && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private abort(entry: Entry): void {
    const index = this.pending.indexOf(entry);
    if (index < 0) return;
    this.pending.splice(index, 1);
    entry.reject(entry.signal?.reason);
    if (this.committing === 0 && this.pending.length === 0) this.notifyIdle();
  }

  private take(): Entry[] {
    let rows = 0;
    let bytes = 0;
    let n = 0;
    for (const e of this.pending) {
      if (n > 0 && (rows + e.write.rows > this.maxRows || bytes + e.bytes > this.maxBytes)) break;
      rows += e.write.rows;
      bytes += e.bytes;
      n++;
    }
    const group = this.pending.splice(0, n);
    for (const e of group) e.signal?.removeEventListener("abort", e.onAbort);
    return group;
  }

  private pump(): void {
    if (this.committing >= this.maxConcurrent) return;
    if (this.pending.length === 0) {
      if (this.committing === 0) this.notifyIdle();
      return;
    }
    this.committing++;
    const group = this.take();
    void this.commit(group)
      .catch((error: unknown) => group.forEach((e) => e.reject(error))) // a commit must settle its writes; this is the safety net
      .finally(() => {
        this.committing--;
        this.pump();
      });
  }

  private notifyIdle(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
