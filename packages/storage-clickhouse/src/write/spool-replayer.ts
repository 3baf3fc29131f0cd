import { StorageClosedError } from "@skein/storage";
import type { Spool, SpoolEntry } from "../spool/spool.js";
import type { TableNames } from "../table-names.js";
import { nextBackoff, sleep, untilAborted, withJitter } from "./waiting.js";
import type { ClickHouseAvailability } from "./clickhouse-availability.js";
import type { ResolvedWriterOptions, WriterConnection } from "./clickhouse-writer-options.js";
import type { QueryIdSource } from "./grouped-insert.js";
import { failureKind, rootFailure } from "./insert-failure.js";
import type { FailureKind } from "./insert-failure.js";
import { storeOnce } from "./missing-rows.js";
import type { UnsettledInserts } from "./unsettled-inserts.js";

/** "requeued": the write failed and was moved behind the other spooled writes. */
type Outcome = "done" | "requeued" | "retry" | "down";

interface Attempts {
  count: number;
  /** When the first failure counted happened. */
  readonly first: number;
  /** When the last failure happened (counted or not). */
  last: number;
}

interface DrainWaiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface SpoolReplayerDeps {
  spool: Spool;
  connection: WriterConnection;
  tables: TableNames;
  availability: ClickHouseAvailability;
  unsettled: UnsettledInserts;
  options: ResolvedWriterOptions;
  /** Query ids for the replay's INSERTs. */
  queryIds: QueryIdSource;
}

/**
 * The background loop that empties the spool into ClickHouse, oldest write first, in batches.
 * While ClickHouse is down it probes (`SELECT 1`) with exponential backoff and jitter; once it
 * answers, each write is stored exactly once (missing-rows.ts), after any earlier insert of it
 * has settled (unsettled-inserts.ts), and only then marked done in the spool.
 *
 * Failures (insert-failure.ts) are told apart so that one bad write never stops the others nor
 * sends live traffic to the spool:
 * - unreachable: ClickHouse is marked down (live writes are spooled) and probed.
 * - a batch refused, or failing with a server exception while the probe answers: replayed write
 *   by write.
 * - a write refused as data: retried in place `rejectAfterAttempts` times, then moved to
 *   `<spool>/rejected/` and logged — never deleted.
 * - a write failing with a server exception while the probe answers: moved behind the other
 *   spooled writes and retried; set aside like a refused one after `serverRejectAfterAttempts`
 *   failures over at least `serverRejectAfterMs`. A failure counts only if ClickHouse confirmed
 *   some other insert (live or replayed) since the write's previous failure: evidence that the
 *   write is at fault, not the server. So a server that fails every insert sets nothing aside,
 *   and a bad write with no other traffic stays in the spool, retried with backoff. Such a
 *   failure does not mark ClickHouse down (live writes go on trying it, and are spooled if they
 *   fail too); two in a row without a stored write in between end the pass with backoff.
 * One loop per spool.
 */
export class SpoolReplayer {
  private readonly stop = new AbortController();
  private wake: (() => void) | undefined;
  /** A nudge came since the loop last looked at the spool. */
  private nudged = false;
  private running: Promise<void> | undefined;
  private drainWaiters: DrainWaiter[] = [];
  private readonly attempts = new Map<bigint, Attempts>();
  private backlog = false;

  constructor(private readonly deps: SpoolReplayerDeps) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Something changed (a write spooled, ClickHouse went down): look again now. */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  /** Resolves once the spool is empty; rejects with the signal's reason if it aborts first, with StorageClosedError on shutdown. */
  drained(signal?: AbortSignal): Promise<void> {
    if (this.deps.spool.writes === 0) return Promise.resolve();
    if (this.stop.signal.aborted) return Promise.reject(new StorageClosedError("the ClickHouse writer is closed; its spool is replayed at the next start"));
    return new Promise((resolve, reject) => {
      const waiter: DrainWaiter = {
        resolve: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const onAbort = (): void => {
        this.drainWaiters = this.drainWaiters.filter((w) => w !== waiter);
        waiter.reject(signal!.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      this.drainWaiters.push(waiter);
    });
  }

  /**
   * Stops the loop. A replay step in flight gets up to `graceMs` to finish (its insert is never
   * cancelled: a cancelled insert might still land while a later replay checks); the spool keeps
   * whatever is not done.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.stop.abort();
    this.wake?.();
    const closed = new StorageClosedError("the ClickHouse writer is closed; its spool is replayed at the next start");
    for (const waiter of this.drainWaiters.splice(0)) waiter.reject(closed);
    if (this.running === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.running, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  private async loop(): Promise<void> {
    const { spool, availability, options } = this.deps;
    const signal = this.stop.signal;
    let delay = options.retryInitialMs;
    while (!signal.aborted) {
      if (availability.isDown) {
        if (!(await this.probe())) {
          await sleep(withJitter(delay), signal);
          delay = nextBackoff(delay, options.retryMaxMs);
          continue;
        }
        availability.markUp();
      }
      let entries: SpoolEntry[];
      this.nudged = false;
      try {
        entries = await spool.take(options.groupMaxBytes, options.replayMaxWrites);
      } catch (error) {
        options.logger("error", "cannot read the ClickHouse spool; retrying", { dir: spool.dir, error: (error as Error).message });
        await sleep(options.retryMaxMs, signal);
        continue;
      }
      if (entries.length === 0) {
        this.settleDrained();
        await this.idle();
        continue;
      }
      this.backlog = true;
      const outcome = await this.replayBatch(entries).catch((error: unknown) => {
        options.logger("error", "cannot update the ClickHouse spool; retrying", { dir: spool.dir, error: (error as Error).message });
        return "retry" as const;
      });
      if (outcome === "done") delay = options.retryInitialMs;
      else {
        // Also after "down": ClickHouse may answer the probe and still fail every insert.
        await sleep(withJitter(delay), signal);
        delay = nextBackoff(delay, options.retryMaxMs);
      }
    }
  }

  /**
   * Consecutive spooled writes, stored together (one INSERT per table); when that fails with
   * anything but an unreachable ClickHouse, write by write, so that only the bad one stays
   * behind. "done" when something was stored or set aside.
   */
  private async replayBatch(entries: SpoolEntry[]): Promise<Outcome> {
    const { spool, connection, tables, availability, unsettled, options, queryIds } = this.deps;
    const writes = entries.flatMap((e) => (e.write === undefined ? [] : [e.write]));
    if (entries.length === 1 || writes.length < entries.length) {
      const outcome = await this.replayOne(entries[0]!);
      return outcome === "requeued" ? "retry" : outcome;
    }
    for (const e of entries) await unsettled.settled(e.write!.ingestId, e.recovered, options.settleMs, this.stop.signal);
    if (this.stop.signal.aborted) return "down";
    try {
      await storeOnce(connection, tables, writes, undefined, queryIds);
    } catch (error) {
      unsettled.ended(writes.map((w) => w.ingestId), error);
      const kind = failureKind(error);
      if (kind === "unreachable" || (kind === "server" && !(await this.probe()))) {
        availability.markDown(rootFailure(error));
        return "down";
      }
      let progress = false;
      let failedInARow = 0;
      for (const entry of entries) {
        const outcome = await this.replayOne(entry);
        if (outcome === "retry" || outcome === "down") return outcome;
        if (outcome === "done") {
          progress = true;
          failedInARow = 0;
        } else if (++failedInARow >= 2) {
          break; // the server may fail every insert: back off rather than move every write
        }
      }
      return progress ? "done" : "retry";
    }
    for (const entry of entries) {
      await spool.done(entry);
      this.stored(entry.write!.ingestId);
    }
    availability.insertSucceeded();
    return "done";
  }

  /** One write: "done" (stored or moved to rejected/), "requeued" (moved behind the others), "retry" (try it again later), "down". */
  private async replayOne(entry: SpoolEntry): Promise<Outcome> {
    const { spool, connection, tables, availability, unsettled, options, queryIds } = this.deps;
    if (entry.write === undefined) {
      const path = await spool.reject(entry);
      options.logger("error", "a spooled write cannot be read by this version; moved aside", { path, reason: entry.unreadable });
      return "done";
    }
    const id = entry.write.ingestId;
    await unsettled.settled(id, entry.recovered, options.settleMs, this.stop.signal);
    if (this.stop.signal.aborted) return "down";
    try {
      await storeOnce(connection, tables, [entry.write], undefined, queryIds);
    } catch (error) {
      unsettled.ended([id], error);
      const kind = failureKind(error);
      if (kind === "unreachable" || (kind === "server" && !(await this.probe()))) {
        availability.markDown(rootFailure(error));
        return "down";
      }
      return this.failed(entry as SpoolEntry & { write: NonNullable<SpoolEntry["write"]> }, kind, error);
    }
    await spool.done(entry);
    this.stored(id);
    availability.insertSucceeded();
    return "done";
  }

  private stored(id: bigint): void {
    this.deps.unsettled.forget(id);
    this.attempts.delete(id);
  }

  /** Counts a failure of a write ClickHouse answered for; sets the write aside once its limit is reached, else retries it. */
  private async failed(entry: SpoolEntry & { write: NonNullable<SpoolEntry["write"]> }, kind: FailureKind, error: unknown): Promise<Outcome> {
    const { spool, unsettled, options } = this.deps;
    const id = entry.write.ingestId;
    const now = Date.now();
    const previous = this.attempts.get(id);
    const attempts = previous ?? { count: 0, first: now, last: now };
    // A server exception counts again only once another insert succeeded since the last one.
    if (kind === "refused" || previous === undefined || this.deps.availability.lastInsertSucceededAt > previous.last) attempts.count++;
    attempts.last = now;
    this.attempts.set(id, attempts);
    const root = rootFailure(error);
    const message = root instanceof Error ? root.message : String(root);
    const limitReached =
      kind === "refused" ? attempts.count >= options.rejectAfterAttempts : attempts.count >= options.serverRejectAfterAttempts && now - attempts.first >= options.serverRejectAfterMs;
    if (limitReached) {
      this.attempts.delete(id);
      unsettled.forget(id);
      const path = await spool.reject(entry);
      options.logger("error", "ClickHouse keeps refusing a spooled write; moved aside, not deleted", {
        path,
        signal: entry.write.signal,
        rows: entry.write.rows,
        attempts: attempts.count,
        error: message,
      });
      return "done";
    }
    if (kind === "refused") return "retry";
    if (attempts.count === 1) {
      options.logger("warn", "ClickHouse fails a spooled write while it takes others; retrying it behind the other spooled writes", {
        ingestId: id.toString(),
        rows: entry.write.rows,
        error: message,
      });
    }
    try {
      await spool.requeue(entry);
      return "requeued";
    } catch {
      return "retry"; // no room to move it: retried where it is
    }
  }

  private async probe(): Promise<boolean> {
    const { connection, options } = this.deps;
    try {
      await connection.queryAll("SELECT 1", AbortSignal.any([this.stop.signal, AbortSignal.timeout(options.probeTimeoutMs)]));
      return true;
    } catch {
      return false;
    }
  }

  /** Waits for a nudge (or shutdown). */
  private async idle(): Promise<void> {
    if (this.stop.signal.aborted || this.nudged) return;
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    await untilAborted(woken, this.stop.signal);
    this.wake = undefined;
  }

  private settleDrained(): void {
    if (this.deps.spool.writes > 0) return;
    if (this.backlog) {
      this.backlog = false;
      this.deps.options.logger("info", "ClickHouse spool drained: every spooled write is stored", { dir: this.deps.spool.dir });
    }
    for (const waiter of this.drainWaiters.splice(0)) waiter.resolve();
  }
}
