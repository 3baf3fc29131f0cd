import { constants } from "node:fs";
import { mkdir, open, readFile, readdir, stat, truncate, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { UBIGINT } from "@duckdb/node-api";
import { StorageUnavailableError } from "@skein/storage";
import { appendRows, inTransaction } from "./appender-commit.js";
import type { DuckDbDatabase } from "./duckdb-database.js";
import { frameHeader, validFramesLength } from "./span-log-frame.js";
import { insertStagedSpansSql, loadStagedSpansSql, sqlString } from "./staged-span-line.js";
import { WriteGate } from "./write-gate.js";

/** Folder of the span ingest log, inside the data dir. */
export const SPAN_LOG_DIR = "span-log";
/**
 * A segment is applied to DuckDB once it holds this many rows. Below one row group (122,880), so
 * the rows go through DuckDB's WAL and are compressed once at checkpoint: whole row groups are
 * written optimistically to the file instead, and at 1M spans the checkpoints then left 20–45%
 * of the file as free blocks (106–157 B/span on disk vs 84–85 B/span this way; ADR 004).
 */
export const APPLY_ROWS = 100_000;
/** …or this long after its first row was synced, whichever comes first. */
export const APPLY_DELAY_MS = 3000;
/** Wait before retrying a failed apply. */
const APPLY_RETRY_MS = 1000;

/** Start-time range per trace (key: trace id hex) of the rows of a segment. */
export type TraceRanges = Map<string, { min: bigint; max: bigint }>;

/** Adds `from` into `into`. */
export function mergeTraceRanges(into: TraceRanges, from: TraceRanges): void {
  for (const [id, r] of from) {
    const have = into.get(id);
    if (have === undefined) into.set(id, { min: r.min, max: r.max });
    else {
      if (r.min < have.min) have.min = r.min;
      if (r.max > have.max) have.max = r.max;
    }
  }
}

interface Segment {
  seq: number;
  path: string;
  rows: number;
  /**
   * Trace ranges of the rows, kept in memory while written; undefined when unknown (a segment
   * found at start-up, or one where a write failed): then they are computed in SQL.
   */
  ranges: TraceRanges | undefined;
  /** A write to it failed: its tail may hold part of a frame, cut off before apply. */
  suspect: boolean;
}

function appendRangeRow(appender: DuckDBAppender, [id, range]: [string, { min: bigint; max: bigint }]): void {
  appender.appendUBigInt(BigInt(`0x${id.slice(0, 16)}`));
  appender.appendUBigInt(BigInt(`0x${id.slice(16, 32)}`));
  appender.appendUBigInt(range.min);
  appender.appendUBigInt(range.max);
  appender.endRow();
}

/** Segment files are opened for appending with O_DSYNC: each write returns once durable (one thread-pool round trip instead of write + fdatasync). */
const APPEND_DSYNC = constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | constants.O_DSYNC;

/** Bytes of the span log segments in `dir`; 0 when there is none. */
export async function spanLogSizeBytes(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(names.map((n) => stat(join(dir, n)).then((s) => s.size, () => 0)));
  return sizes.reduce((a, b) => a + b, 0);
}

/** Truncates the segment at `path` after its last intact frame; returns its new length. */
async function cutTornTail(path: string): Promise<number> {
  const bytes = await readFile(path);
  const valid = validFramesLength(bytes);
  if (valid < bytes.length) await truncate(path, valid);
  return valid;
}

function segmentName(seq: number): string {
  return `spans-${String(seq).padStart(12, "0")}.ndjson`;
}

/**
 * The span ingest log: durable NDJSON segments in `<dataDir>/span-log/` (see staged-span-line.ts,
 * span-log-frame.ts), applied to DuckDB in big transactions in the background.
 *
 * Contract: append() resolves once its rows are fsynced to the log (they survive kill -9: a
 * restart replays them); applied() resolves once every row appended before the call is in DuckDB
 * (the readers' read-your-writes barrier). Segments are applied one at a time, in order, each in
 * one transaction that also records its number in span_log_state, so replay after a crash never
 * applies a segment twice; an applied segment's file is deleted. Calls to append() must not
 * overlap (the caller group-commits them).
 */
export class SpanIngestLog {
  private current: (Segment & { file: FileHandle }) | undefined;
  private nextSeq = 1;
  private readonly closed: Segment[] = [];
  private appliedSeq = 0;
  private applying = false;
  private timer: NodeJS.Timeout | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private waiters: { seq: number; resolve: () => void; reject: (error: unknown) => void }[] = [];
  private rotation: Promise<void> = Promise.resolve();
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly db: () => DuckDbDatabase,
    /** Applies run as shared writers of this gate (retention takes it exclusively). */
    private readonly gate: WriteGate = new WriteGate(),
  ) {}

  /** Rows appended (synced) but not yet in DuckDB. */
  get pendingRows(): number {
    return (this.current?.rows ?? 0) + this.closed.reduce((n, s) => n + s.rows, 0);
  }

  /**
   * Start-up: deletes segments already applied, cuts each remaining segment after its last
   * intact frame, and applies them in order. Resolves when the log is empty.
   */
  async recover(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const state = await this.db().withConnection(async (c) => (await c.runAndReadAll("SELECT max(applied_seq) FROM span_log_state")).getRows());
    this.appliedSeq = Number((state[0]?.[0] as bigint | null) ?? 0n);
    const names = (await readdir(this.dir)).filter((n) => /^spans-\d{12}\.ndjson$/.test(n)).sort();
    for (const name of names) {
      const seq = Number(name.slice(6, 18));
      const path = join(this.dir, name);
      this.nextSeq = Math.max(this.nextSeq, seq + 1);
      if (seq <= this.appliedSeq) {
        await unlink(path);
        continue;
      }
      if ((await cutTornTail(path)) === 0) await unlink(path);
      else this.closed.push({ seq, path, rows: 1, ranges: undefined, suspect: false }); // rows: unknown until read; > 0 means "apply"
    }
    this.nextSeq = Math.max(this.nextSeq, this.appliedSeq + 1);
    if (this.closed.length > 0) await this.applied();
  }

  /** Appends one frame of `rows` NDJSON lines (`body`, whose trace ranges are `ranges`) and fsyncs it. */
  append(body: Buffer, rows: number, ranges: TraceRanges[]): Promise<void> {
    this.writing = this.rotation.then(() => this.write(body, rows, ranges));
    return this.writing;
  }

  private async write(body: Buffer, rows: number, ranges: TraceRanges[]): Promise<void> {
    if (this.current === undefined) {
      const seq = this.nextSeq++;
      const path = join(this.dir, segmentName(seq));
      const file = await open(path, APPEND_DSYNC);
      // O_DSYNC makes the frames durable, not the new file's directory entry: sync the directory
      // once per segment so a power loss cannot drop a segment whose frames were acknowledged.
      const dir = await open(this.dir, "r");
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      this.current = { seq, path, rows: 0, ranges: new Map(), suspect: false, file };
    }
    const segment = this.current;
    try {
      const header = frameHeader(body);
      // O_DSYNC: returns once the data is durable. A short write (disk full, file size limit)
      // reports success with fewer bytes: never acknowledge it.
      const { bytesWritten } = await segment.file.writev([header, body]);
      if (bytesWritten !== header.length + body.length) {
        throw new StorageUnavailableError(`span log write was short (${bytesWritten} of ${header.length + body.length} bytes): is the disk full?`);
      }
    } catch (error) {
      segment.suspect = true; // no more writes to it; its torn tail is cut before apply
      void this.rotate();
      throw error;
    }
    segment.rows += rows;
    for (const r of ranges) mergeTraceRanges(segment.ranges!, r);
    if (segment.rows >= APPLY_ROWS) this.rotate();
    else this.timer ??= setTimeout(() => this.rotate(), APPLY_DELAY_MS);
  }

  /** Closes the current segment (after the write in flight) and queues it for apply. */
  private rotate(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.rotation = this.writing.catch(() => undefined).then(async () => {
      const segment = this.current;
      if (segment === undefined) return;
      // Queued for apply in the same step as it stops being current, so applied() never sees
      // it in neither place (a read after an ack would otherwise miss its rows).
      this.current = undefined;
      this.closed.push({
        seq: segment.seq,
        path: segment.path,
        rows: segment.rows,
        ranges: segment.suspect ? undefined : segment.ranges,
        suspect: segment.suspect,
      });
      await segment.file.close().catch(() => undefined); // no more writes to it either way
      void this.applyAll();
    });
    return this.rotation;
  }

  /** Resolves once every row appended so far is in DuckDB; rejects if applying them fails. */
  async applied(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.rotation.catch(() => undefined);
    const target = this.current?.seq ?? this.closed.at(-1)?.seq;
    if (target === undefined || target <= this.appliedSeq) return;
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ seq: target, resolve, reject }));
    if (this.current !== undefined) await this.rotate();
    void this.applyAll();
    return done;
  }

  private async applyAll(): Promise<void> {
    if (this.applying) return;
    this.applying = true;
    clearTimeout(this.retryTimer);
    try {
      while (this.closed.length > 0) {
        const segment = this.closed[0]!;
        if (segment.rows > 0) await this.applySegment(segment); // an empty one (its only write failed) is just dropped
        this.closed.shift();
        this.appliedSeq = segment.seq;
        await unlink(segment.path).catch(() => undefined);
        this.settle((w) => w.seq <= segment.seq, undefined);
      }
    } catch (error) {
      this.settle(() => true, error);
      this.retryTimer = setTimeout(() => void this.applyAll(), APPLY_RETRY_MS);
    } finally {
      this.applying = false;
    }
  }

  private settle(which: (w: { seq: number }) => boolean, error: unknown): void {
    const keep = [];
    for (const w of this.waiters) {
      if (!which(w)) keep.push(w);
      else if (error === undefined) w.resolve();
      else w.reject(error);
    }
    this.waiters = keep;
  }

  private async applySegment(segment: Segment): Promise<void> {
    if (segment.suspect) {
      await cutTornTail(segment.path);
      segment.suspect = false;
    }
    await this.gate.shared(() => this.db().withConnection((connection: DuckDBConnection) =>
      inTransaction(connection, `span log segment ${segment.seq}`, async () => {
        const file = sqlString(segment.path);
        if (segment.ranges === undefined) {
          for (const sql of loadStagedSpansSql(file)) await connection.run(sql);
        } else {
          await connection.run(insertStagedSpansSql(file));
          await appendRows(connection, "trace_index", segment.ranges, appendRangeRow);
        }
        await connection.run("DELETE FROM span_log_state");
        await connection.run("INSERT INTO span_log_state VALUES ($1)", [BigInt(segment.seq)], [UBIGINT]);
      }),
    ));
  }

  /**
   * Applies what is left and stops the timers. Rejects with StorageUnavailableError when the
   * rest cannot be applied now (it stays in the log and is replayed at the next start).
   */
  async close(): Promise<void> {
    try {
      await this.applied();
    } catch (error) {
      throw new StorageUnavailableError(`span log not applied at shutdown: ${(error as Error).message}`, { cause: error });
    } finally {
      clearTimeout(this.timer);
      clearTimeout(this.retryTimer);
      await this.current?.file.close().catch(() => undefined);
      this.current = undefined;
    }
  }
}
