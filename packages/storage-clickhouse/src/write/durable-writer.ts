import { StorageClosedError } from "@skein/storage";
import { isRetryable } from "../errors.js";
import { Spool } from "../spool/spool.js";
import type { EncodedWrite } from "../encoded-write.js";
import { ClickHouseAvailability } from "./clickhouse-availability.js";
import { resolveWriterOptions } from "./clickhouse-writer-options.js";
import type { ClickHouseWriterOptions, ResolvedWriterOptions } from "./clickhouse-writer-options.js";
import { insertGroup } from "./grouped-insert.js";
import { storeOnce } from "./missing-rows.js";
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
 * ClickHouse (side tables, then main), or fsynced to the spool because ClickHouse failed with a
 * retryable error, did not confirm within `insertTimeoutMs`, or is known to be down. It rejects
 * with the server's ClickHouseQueryError when ClickHouse refuses the data (never spooled: it
 * would fail forever), with StorageBackloggedError when the write must be spooled and the spool
 * is full (nothing kept), and with StorageClosedError before start() or after close(). Every
 * spooled write is replayed in the background, each row stored exactly once.
 */
export class DurableWriter {
  private readonly options: ResolvedWriterOptions;
  private readonly spool: Spool;
  private readonly availability = new ClickHouseAvailability();
  private readonly unsettled = new UnsettledInserts();
  private readonly queue: WriteQueue;
  private readonly replayer: SpoolReplayer;
  /** Inserts not yet ended, and writes waiting on one because the spool was full: close() gives them time. */
  private readonly live = new Set<Promise<unknown>>();
  private state: "new" | "starting" | "started" | "closed" = "new";

  constructor(options: ClickHouseWriterOptions) {
    this.options = resolveWriterOptions(options);
    this.spool = new Spool(options.spoolDir, options.spoolMaxBytes, options.spoolSegmentBytes);
    this.queue = new WriteQueue((group) => this.commit(group), this.options.groupMaxRows, this.options.groupMaxBytes, this.options.groupConcurrency);
    const { connection, tables } = this.options;
    this.replayer = new SpoolReplayer({ spool: this.spool, connection, tables, availability: this.availability, unsettled: this.unsettled, options: this.options });
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

  /** Opens the spool (recovering what a previous process left) and starts replaying it. */
  async start(): Promise<void> {
    if (this.state !== "new") throw new StorageClosedError("the ClickHouse writer can be started once");
    this.state = "starting";
    const recovered = await this.spool.open();
    if (recovered.writes > 0) this.options.logger("info", "replaying writes spooled before the last shutdown", { spoolDir: this.spool.dir, ...recovered });
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

  private async commit(group: QueuedWrite[]): Promise<void> {
    if (this.availability.isDown) return this.spoolAll(group, undefined);
    const insert = this.watch(insertGroup(this.options.connection, this.options.tables, group.map((q) => q.write)));
    const outcome = await within(insert, this.options.insertTimeoutMs);
    if (outcome.kind === "ok") {
      this.availability.markUp();
      for (const q of group) q.resolve();
      return;
    }
    const ids = group.map((q) => q.write.ingestId);
    if (outcome.kind === "timeout") {
      this.availability.markDown(new Error(`ClickHouse did not confirm an insert within ${this.options.insertTimeoutMs} ms`));
      this.unsettled.track(ids, insert);
      return this.spoolAll(group, insert);
    }
    if (isRetryable(outcome.error)) {
      this.availability.markDown(outcome.error);
      this.unsettled.ended(ids, outcome.error);
      return this.spoolAll(group, undefined);
    }
    if (group.length === 1) return group[0]!.reject(outcome.error);
    // ClickHouse refused the data of (at least) one write: store each alone, so only that one fails.
    for (const q of group) await this.storeAlone(q);
  }

  /** One write of a refused group, exactly once (the group's insert may have stored part of it). */
  private async storeAlone(q: QueuedWrite): Promise<void> {
    const insert = this.watch(storeOnce(this.options.connection, this.options.tables, [q.write]).then(() => undefined));
    const outcome = await within(insert, this.options.insertTimeoutMs);
    if (outcome.kind === "ok") return q.resolve();
    if (outcome.kind === "error" && !isRetryable(outcome.error)) return q.reject(outcome.error);
    this.availability.markDown(outcome.kind === "error" ? outcome.error : new Error("insert not confirmed in time"));
    if (outcome.kind === "timeout") this.unsettled.track([q.write.ingestId], insert);
    else this.unsettled.ended([q.write.ingestId], outcome.error);
    return this.spoolAll([q], outcome.kind === "timeout" ? insert : undefined);
  }

  /**
   * Spools each write and acknowledges it once fsynced. When the spool refuses one (full, disk
   * failure) and its insert is still running, the write's fate is that insert's (awaited in the
   * background, so the queue moves on); otherwise it rejects with the spool's error.
   */
  private async spoolAll(group: QueuedWrite[], insert: Promise<void> | undefined): Promise<void> {
    await Promise.all(
      group.map(async (q) => {
        try {
          await this.spool.append(q.write);
          this.replayer.nudge();
          q.resolve();
        } catch (spoolError) {
          if (insert === undefined) return q.reject(spoolError);
          void this.watch(insert.then(q.resolve, () => q.reject(spoolError)));
        }
      }),
    );
  }
}
