import { StorageClosedError } from "@skein/storage";
import { isRetryable } from "../errors.js";
import type { Spool, SpoolEntry } from "../spool/spool.js";
import type { TableNames } from "../table-names.js";
import { nextBackoff, sleep, untilAborted, withJitter } from "./waiting.js";
import type { ClickHouseAvailability } from "./clickhouse-availability.js";
import type { ResolvedWriterOptions, WriterConnection } from "./clickhouse-writer-options.js";
import { storeOnce } from "./missing-rows.js";
import type { UnsettledInserts } from "./unsettled-inserts.js";

type Outcome = "done" | "retry" | "down";

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
}

/**
 * The background loop that empties the spool into ClickHouse, oldest write first. While
 * ClickHouse is down it probes (`SELECT 1`) with exponential backoff and jitter; once it answers,
 * each write is stored exactly once (missing-rows.ts) and only then marked done in the spool. A
 * write ClickHouse refuses as data (not retryable) is retried `rejectAfterAttempts` times, then
 * moved to `<spool>/rejected/` and logged — never deleted. One loop per spool.
 */
export class SpoolReplayer {
  private readonly stop = new AbortController();
  private wake: (() => void) | undefined;
  /** A nudge came since the loop last looked at the spool. */
  private nudged = false;
  private running: Promise<void> | undefined;
  private drainWaiters: DrainWaiter[] = [];
  private readonly attempts = new Map<string, number>();
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
        entries = await spool.take(options.groupMaxBytes);
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
   * Consecutive spooled writes, stored together (one INSERT per table); when ClickHouse refuses
   * the data of the batch, write by write, so only the bad one is retried and set aside.
   */
  private async replayBatch(entries: SpoolEntry[]): Promise<Outcome> {
    const { spool, connection, tables, availability, unsettled, options } = this.deps;
    const writes = entries.flatMap((e) => (e.write === undefined ? [] : [e.write]));
    if (entries.length === 1 || writes.length < entries.length) return this.replayOne(entries[0]!);
    for (const w of writes) await unsettled.settled(w.ingestId, options.settleMs, this.stop.signal);
    if (this.stop.signal.aborted) return "down";
    try {
      await storeOnce(connection, tables, writes);
    } catch (error) {
      if (isRetryable(error)) {
        availability.markDown(error);
        return "down";
      }
      for (const entry of entries) {
        const outcome = await this.replayOne(entry);
        if (outcome !== "done") return outcome;
      }
      return "done";
    }
    for (const entry of entries) {
      await spool.done(entry);
      unsettled.forget(entry.write!.ingestId);
    }
    availability.markUp();
    return "done";
  }

  /** One write: "done" (stored or moved to rejected/), "retry" (refused as data, try later), "down". */
  private async replayOne(entry: SpoolEntry): Promise<Outcome> {
    const { spool, connection, tables, availability, unsettled, options } = this.deps;
    const key = `${entry.segment}@${entry.offset}`;
    try {
      if (entry.write === undefined) {
        const path = await spool.reject(entry);
        options.logger("error", "a spooled write cannot be read by this version; moved aside", { path, reason: entry.unreadable });
        return "done";
      }
      await unsettled.settled(entry.write.ingestId, options.settleMs, this.stop.signal);
      if (this.stop.signal.aborted) return "down";
      await storeOnce(connection, tables, [entry.write]);
      await spool.done(entry);
      unsettled.forget(entry.write.ingestId);
      this.attempts.delete(key);
      availability.markUp();
      return "done";
    } catch (error) {
      if (isRetryable(error)) {
        availability.markDown(error);
        return "down";
      }
      const attempts = (this.attempts.get(key) ?? 0) + 1;
      this.attempts.set(key, attempts);
      if (attempts < options.rejectAfterAttempts) return "retry";
      this.attempts.delete(key);
      const path = await spool.reject(entry);
      options.logger("error", "ClickHouse keeps refusing a spooled write; moved aside, not deleted", {
        path,
        signal: entry.write?.signal,
        rows: entry.write?.rows,
        attempts,
        error: (error as Error).message,
      });
      return "done";
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
