import { StorageClosedError } from "@skein/storage";
import { Spool } from "../spool/spool.js";
import type { EncodedWrite } from "../encoded-write.js";
import { ClickHouseAvailability } from "./clickhouse-availability.js";
import { resolveWriterOptions } from "./clickhouse-writer-options.js";
import type { ClickHouseWriterOptions, ResolvedWriterOptions } from "./clickhouse-writer-options.js";
import { insertGroup } from "./grouped-insert.js";
import { failureKind, rootFailure } from "./insert-failure.js";
import { storeOnce } from "./missing-rows.js";
import { runningInsertsSql } from "./running-inserts-sql.js";
import { SpoolReplayer } from "./spool-replayer.js";
import { UnsettledInserts } from "./unsettled-inserts.js";
import { WriteQueue } from "./write-queue.js";
import type { QueuedWrite } from "./write-queue.js";

const WARN_INTERVAL_MS = 60_000;

type Outcome = { kind: "ok" } | { kind: "error"; error: unknown } | { kind: "timeout" };

/** How `promise` ends within `ms`; it keeps running after a timeout. */
async function within(promise: Promise<void>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => (timer = setTimeout(() => resolve({ kind: "timeout" }), ms)));
  try {
    return await Promise.race([promise.then((): Outcome => ({ kind: "ok" }), (error: unknown): Outcome => ({ kind: "error", error })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Durable, batched writes of encoded writes to ClickHouse: the engine under ClickHouseWriter.
 *
 * Contract: submit() resolves only once the write is durable — inserted and confirmed by
 * ClickHouse (side tables, then main), or fsynced to the spool because ClickHouse failed with
 * anything but a refusal of the data, did not confirm within `insertTimeoutMs`, or is known to
 * be down. It rejects with the server's ClickHouseQueryError when ClickHouse refuses the data
 * (never spooled: it would fail forever), with StorageBackloggedError when the write must be
 * spooled and the spool is full (nothing kept), with SpoolLockedError from start() when another
 * process uses the spool directory, and with StorageClosedError before start() or after
 * close(). Every spooled write is replayed in the background, each row stored exactly once.
 *
 * Only an unreachable ClickHouse (insert-failure.ts: no answer, or one that concerns every
 * write) or an insert not confirmed in time marks it down, which sends the next writes straight
 * to the spool. A server exception (a memory or partition limit…) spools the writes that got it
 * but leaves ClickHouse up for the others: the replayer finds out whether the write or the
 * server is at fault.
 */
export class DurableWriter {
  private readonly options: ResolvedWriterOptions;
  private readonly spool: Spool;
  private readonly availability = new ClickHouseAvailability();
  private readonly unsettled: UnsettledInserts;
  private readonly queue: WriteQueue;
  /** Aborted by close(): ends the waits of live writes. */
  private readonly closing = new AbortController();
  private queryCount = 0;
  private lastServerWarning = -Infinity;
  private readonly replayer: SpoolReplayer;
  /** Inserts not yet ended, and writes waiting on one because the spool was full: close() gives them time. */
  private readonly live = new Set<Promise<unknown>>();
  private state: "new" | "starting" | "started" | "closed" = "new";

  constructor(options: ClickHouseWriterOptions) {
    this.options = resolveWriterOptions(options);
    this.spool = new Spool(options.spoolDir, options.spoolMaxBytes, options.spoolSegmentBytes);
    this.queue = new WriteQueue((group) => this.commit(group), this.options.groupMaxRows, this.options.groupMaxBytes, this.options.groupConcurrency);
    const { connection, tables } = this.options;
    this.unsettled = new UnsettledInserts(async (queryIds, prefix, signal) => {
      const [row] = await connection.queryAll<{ n: string | number }>(runningInsertsSql(queryIds, prefix), signal);
      return Number(row?.n ?? 0);
    }, this.options.processPollMs);
    this.replayer = new SpoolReplayer({
      spool: this.spool,
      connection,
      tables,
      availability: this.availability,
      unsettled: this.unsettled,
      options: this.options,
      queryIds: () => this.nextQueryId(),
    });
    let lastWarning = -Infinity;
    this.availability.onChange((down, reason) => {
      if (!down) return;
      this.replayer.nudge();
      // One line per outage; a server that answers probes but fails writes flaps: at most one a minute.
      if (Date.now() - lastWarning < WARN_INTERVAL_MS) return;
      lastWarning = Date.now();
      this.options.logger("warn", "ClickHouse is down or slow: writes go to the on-disk spool until it answers", {
        reason: reason instanceof Error ? reason.message : String(reason),
        spoolDir: this.spool.dir,
        spooledWrites: this.spool.writes,
        spooledBytes: this.spool.bytes,
      });
    });
  }

  get spooledBytes(): number {
    return this.spool.bytes;
  }

  get spooledWrites(): number {
    return this.spool.writes;
  }

  /** Writes set aside in `<spool>/rejected/` (ClickHouse kept refusing them) and their bytes. */
  get rejectedWrites(): number {
    return this.spool.rejectedWrites;
  }

  get rejectedBytes(): number {
    return this.spool.rejectedBytes;
  }

  /** Writes whose earlier inserts are still being waited for (tests: nothing piles up). */
  get unsettledWrites(): number {
    return this.unsettled.size;
  }

  /**
   * Opens the spool (taking its lock, recovering what a previous process left) and starts
   * replaying it. Recovered writes wait as writes whose insert ended without an answer at start
   * (unsettled-inserts.ts): `settleMs`, then while the server runs an INSERT of the previous
   * process (its instance id, from the lock, prefixes their query ids).
   */
  async start(): Promise<void> {
    if (this.state !== "new") throw new StorageClosedError("the ClickHouse writer can be started once");
    this.state = "starting";
    const startedAt = Date.now();
    let recovered;
    try {
      recovered = await this.spool.open();
    } catch (error) {
      this.state = "closed";
      throw error;
    }
    if (recovered.writes > 0) {
      this.unsettled.previousProcess(startedAt, this.spool.previousHolder?.instance);
      this.options.logger("info", "replaying writes spooled before the last shutdown", { spoolDir: this.spool.dir, ...recovered });
    }
    if (recovered.rejectedWrites > 0) {
      this.options.logger("warn", "the ClickHouse spool holds writes set aside because ClickHouse refused them; inspect and remove them", {
        dir: `${this.spool.dir}/rejected`,
        rejectedWrites: recovered.rejectedWrites,
        rejectedBytes: this.spool.rejectedBytes,
      });
    }
    if (this.state !== "starting") return; // closed meanwhile
    this.state = "started";
    this.replayer.start();
  }

  submit(write: EncodedWrite, signal?: AbortSignal): Promise<void> {
    if (this.state !== "started") return Promise.reject(new StorageClosedError("the ClickHouse writer is not started or already closed"));
    if (write.rows === 0) return Promise.resolve();
    return this.queue.submit(write, signal);
  }

  /** Resolves once the spool is empty (everything replayed); rejects when `signal` aborts first. */
  drained(signal?: AbortSignal): Promise<void> {
    return this.replayer.drained(signal);
  }

  /**
   * Stops taking writes; settles the writes in flight (each ends inserted, spooled or refused);
   * stops the replay; gives inserts still running up to `insertTimeoutMs` to end. The spool stays
   * on disk for the next start. Idempotent; safe before start().
   */
  async close(): Promise<void> {
    const was = this.state;
    if (was === "closed") return;
    this.state = "closed";
    this.closing.abort();
    if (was === "new") return;
    await this.queue.settled();
    const grace = this.options.insertTimeoutMs;
    await this.replayer.shutdown(grace);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.live]), new Promise((resolve) => (timer = setTimeout(resolve, grace)))]);
    clearTimeout(timer);
    await this.spool.close();
  }

  private watch<T>(promise: Promise<T>): Promise<T> {
    const settled = promise.then(() => undefined, () => undefined);
    this.live.add(settled);
    void settled.then(() => this.live.delete(settled));
    return promise;
  }

  /** `<instance>-<n>`: unique across processes (the instance id is random per start). */
  private nextQueryId(): string {
    return `${this.spool.instance ?? "skein"}-${++this.queryCount}`;
  }

  private async commit(group: QueuedWrite[]): Promise<void> {
    if (this.availability.isDown) return this.spoolAll(group, undefined);
    const insert = this.watch(insertGroup(this.options.connection, this.options.tables, group.map((q) => q.write), () => this.nextQueryId()));
    const outcome = await within(insert, this.options.insertTimeoutMs);
    if (outcome.kind === "ok") {
      this.availability.insertSucceeded();
      for (const q of group) q.resolve();
      return;
    }
    const ids = group.map((q) => q.write.ingestId);
    if (outcome.kind === "timeout") {
      this.availability.markDown(new Error(`ClickHouse did not confirm an insert within ${this.options.insertTimeoutMs} ms`));
      this.unsettled.track(ids, insert);
      return this.spoolAll(group, insert);
    }
    // Every INSERT of the group has ended (insertGroup settles them all before failing).
    this.unsettled.ended(ids, outcome.error);
    const kind = failureKind(outcome.error);
    const error = rootFailure(outcome.error);
    if (kind === "unreachable") {
      this.availability.markDown(error);
      return this.spoolAll(group, undefined);
    }
    if (kind === "server") {
      this.warnServerFailure(error);
      return this.spoolAll(group, undefined);
    }
    if (group.length === 1) {
      this.unsettled.forget(ids[0]!);
      return group[0]!.reject(error);
    }
    // ClickHouse refused the data of (at least) one write: store each alone, so only that one fails.
    for (const q of group) await this.storeAlone(q);
  }

  /** One write of a refused group, exactly once (the group's insert may have stored part of it, or still be landing). */
  private async storeAlone(q: QueuedWrite): Promise<void> {
    const id = q.write.ingestId;
    await this.unsettled.settled(id, false, this.options.settleMs, this.closing.signal);
    const insert = this.watch(storeOnce(this.options.connection, this.options.tables, [q.write], undefined, () => this.nextQueryId()).then(() => undefined));
    const outcome = await within(insert, this.options.insertTimeoutMs);
    if (outcome.kind === "ok") {
      this.unsettled.forget(id);
      this.availability.insertSucceeded();
      return q.resolve();
    }
    if (outcome.kind === "timeout") {
      this.availability.markDown(new Error("insert not confirmed in time"));
      this.unsettled.track([id], insert);
      return this.spoolAll([q], insert);
    }
    this.unsettled.ended([id], outcome.error);
    const kind = failureKind(outcome.error);
    const error = rootFailure(outcome.error);
    if (kind === "refused") {
      this.unsettled.forget(id);
      return q.reject(error);
    }
    if (kind === "unreachable") this.availability.markDown(error);
    else this.warnServerFailure(error);
    return this.spoolAll([q], undefined);
  }

  /** At most one line a minute: ClickHouse answered an insert with an exception that may concern only that write. */
  private warnServerFailure(error: unknown): void {
    if (Date.now() - this.lastServerWarning < WARN_INTERVAL_MS) return;
    this.lastServerWarning = Date.now();
    this.options.logger("warn", "ClickHouse failed an insert with a server error; its writes go to the spool and are retried one by one", {
      reason: error instanceof Error ? error.message : String(error),
    });
  }

  /**
   * Spools each write and acknowledges it once fsynced. When the spool refuses one (full, disk
   * failure) and its insert is still running, the write's fate is that insert's (awaited in the
   * background, so the queue moves on); otherwise it rejects with the spool's error. A write not
   * spooled is never replayed: nothing is kept about its inserts.
   */
  private async spoolAll(group: QueuedWrite[], insert: Promise<void> | undefined): Promise<void> {
    await Promise.all(
      group.map(async (q) => {
        try {
          await this.spool.append(q.write);
          this.replayer.nudge();
          q.resolve();
        } catch (spoolError) {
          if (insert === undefined) {
            this.unsettled.forget(q.write.ingestId);
            return q.reject(spoolError);
          }
          void this.watch(
            insert.then(
              () => {
                this.unsettled.forget(q.write.ingestId);
                q.resolve();
              },
              () => {
                this.unsettled.forget(q.write.ingestId);
                q.reject(spoolError);
              },
            ),
          );
        }
      }),
    );
  }
}
