import { StoreFailedError, outcomeUnknown } from "./insert-failure.js";
import { sleep, untilAborted } from "./waiting.js";

/** How many of the inserts with these query ids (or, with `prefix`, whose id starts with `prefix-`) the server is running. */
export type RunningInserts = (queryIds: readonly string[], prefix: string | undefined, signal: AbortSignal) => Promise<number>;

interface Pending {
  /** The live insert, until it ends. */
  running: Promise<void> | undefined;
  /** When an insert of the write ended without an answer from the server. */
  endedUnknownAt: number | undefined;
  /** The query ids of those inserts. */
  readonly queryIds: Set<string>;
}

/**
 * The inserts of spooled writes that may still land, by ingest id: a live insert that was not
 * confirmed in time (the write was spooled meanwhile), and any insert of the write — live or
 * replay — that ended without the server's answer. Replaying such a write meanwhile could check
 * for its rows before they are visible and insert them a second time. So the replay of a write
 * first waits here (settled()): for its insert to end, then, if that ended without an answer,
 * for `settleMs` more (a request still on its way to the server), and then as long as the
 * server lists one of its query ids in `system.processes` (an insert still executing; INSERTs
 * cannot be killed on 18.16). Frames a previous process left are treated alike: they wait until
 * `settleMs` after start and for that process's inserts (its query id prefix) to end.
 */
export class UnsettledInserts {
  private readonly writes = new Map<bigint, Pending>();
  private previous: { since: number; prefix: string | undefined; settled?: Promise<void> } | undefined;

  constructor(
    /** Undefined: settleMs alone (no process list check). */
    private readonly running: RunningInserts | undefined,
    private readonly pollMs: number,
  ) {}

  /** Records `insert` as the live insert of the writes `ingestIds` (spooled now). */
  track(ingestIds: readonly bigint[], insert: Promise<void>): void {
    const settled = insert.then(
      () => undefined,
      (error: unknown) => this.ended(ingestIds, error),
    );
    for (const id of ingestIds) this.pending(id).running = settled;
    void settled.then(() => {
      for (const id of ingestIds) {
        const p = this.writes.get(id);
        if (p?.running === settled) p.running = undefined;
      }
    });
  }

  /** Records that an insert of the writes `ingestIds` failed with `error` (only an unknown outcome is kept). */
  ended(ingestIds: readonly bigint[], error: unknown): void {
    if (!outcomeUnknown(error)) return;
    const queryIds = error instanceof StoreFailedError ? error.unknownQueryIds : [];
    for (const id of ingestIds) {
      const p = this.pending(id);
      p.endedUnknownAt = Date.now();
      for (const q of queryIds) p.queryIds.add(q);
    }
  }

  /**
   * Frames found at start were left by a previous process (instance id `prefix`, when its lock
   * said): their inserts may still be running. `since`: when this process started.
   */
  previousProcess(since: number, prefix: string | undefined): void {
    this.previous = { since, prefix };
  }

  /** Resolves once a replay of the write `ingestId` cannot race an earlier insert of it (or `signal` aborts). */
  async settled(ingestId: bigint, recovered: boolean, settleMs: number, signal: AbortSignal): Promise<void> {
    const previous = this.previous;
    if (recovered && previous !== undefined) {
      previous.settled ??= (async () => {
        await sleep(previous.since + settleMs - Date.now(), signal);
        if (previous.prefix !== undefined) await this.whileRunning([], previous.prefix, signal);
      })();
      await previous.settled;
    }
    const p = this.writes.get(ingestId);
    if (p === undefined) return;
    if (p.running !== undefined) await untilAborted(p.running, signal);
    if (p.endedUnknownAt === undefined) return;
    await sleep(p.endedUnknownAt + settleMs - Date.now(), signal);
    if (p.queryIds.size > 0) await this.whileRunning([...p.queryIds], undefined, signal);
  }

  /** The write is stored, set aside or refused: nothing more to wait for. */
  forget(ingestId: bigint): void {
    this.writes.delete(ingestId);
  }

  /** Writes with something recorded (for tests: nothing must pile up). */
  get size(): number {
    return this.writes.size;
  }

  private pending(id: bigint): Pending {
    let p = this.writes.get(id);
    if (p === undefined) {
      p = { running: undefined, endedUnknownAt: undefined, queryIds: new Set() };
      this.writes.set(id, p);
    }
    return p;
  }

  /** Polls until the server runs none of these inserts. A failed check ends the wait (the replay's own requests then fail the same way, or the server restarted and runs nothing). */
  private async whileRunning(queryIds: readonly string[], prefix: string | undefined, signal: AbortSignal): Promise<void> {
    if (this.running === undefined) return;
    while (!signal.aborted) {
      const n = await this.running(queryIds, prefix, signal).catch(() => 0);
      if (n === 0) return;
      await sleep(this.pollMs, signal);
    }
  }
}
