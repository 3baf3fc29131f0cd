import { mkdir, open, readdir, truncate, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import { StorageBackloggedError, StorageClosedError, StorageUnavailableError } from "@skein/storage";
import type { EncodedWrite } from "../encoded-write.js";
import { RejectedFrames } from "./rejected-frames.js";
import { decodeFrameBody, encodeFrame } from "./spool-frame.js";
import { SpoolLock } from "./spool-lock.js";
import type { PreviousHolder } from "./spool-lock.js";
import { APPEND_DSYNC, readFrameAt, recoverSegment, segmentName, segmentSeq, syncDirectory } from "./spool-segment.js";

export { REJECTED_DIR } from "./rejected-frames.js";
/** A segment is sealed (no more appends) past this size, so replayed space is freed in steps. */
const DEFAULT_SEGMENT_BYTES = 4 * 1024 * 1024;
/** At most this many frames share one writev + sync. */
const MAX_FRAMES_PER_SYNC = 256;

interface Segment {
  readonly seq: number;
  readonly path: string;
  /** Bytes of intact frames. */
  length: number;
  frames: number;
  /** Frames before `replayOffset` are replayed (this process); a restart re-checks them. */
  replayed: number;
  replayOffset: number;
  /** A write to it failed: its tail may be torn and is cut when it is sealed. */
  suspect: boolean;
  reader?: FileHandle;
}

/**
 * A frame handed out for replay; give it back with done() or reject(). `write` is undefined (and
 * `unreadable` says why) for an intact frame this version cannot decode: reject() it.
 */
export type SpoolEntry = {
  readonly segment: number;
  readonly offset: number;
  /** Where the frame after it starts. */
  readonly next: number;
  /** The frame was left by a previous process (found by open()), not appended by this one. */
  readonly recovered: boolean;
} & ({ readonly write: EncodedWrite; readonly unreadable?: undefined } | { readonly write?: undefined; readonly unreadable: string });

interface Pending {
  readonly buffers: Buffer[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The bounded on-disk spool that stands in for ClickHouse while it is down or slow: segment
 * files of checksummed frames (spool-frame.ts) in one directory.
 *
 * Contract:
 * - append() resolves once the write's frame is durable (O_DSYNC write; concurrent appends share
 *   one writev and sync); it rejects with StorageBackloggedError, keeping nothing, when the frame
 *   would take the spool past `maxBytes`, and with StorageUnavailableError when the disk fails.
 * - next() hands out the oldest frame not yet replayed (sealing the segment being appended to
 *   when it is the only one left); done() marks it replayed. A segment file is deleted once all
 *   its frames are done, so after a crash at any point a restart re-offers at most the frames of
 *   the segments still on disk: a replay re-checks, never loses. next() and done() are called by
 *   one replayer at a time.
 * - open() takes the directory's lock (spool-lock.ts: one process per spool, else
 *   SpoolLockedError) and recovers the segments a previous process left (torn tails cut);
 *   close() waits for the appends in flight, leaves every frame on disk and releases the lock.
 * - reject() moves a frame to `rejected/` (rejected-frames.ts), never deletes it; requeue()
 *   moves it to the end of the spool.
 */
export class Spool {
  private readonly sealed: Segment[] = [];
  private current: (Segment & { file: FileHandle }) | undefined;
  private nextSeq = 1;
  /** Segments numbered below this were found by open(): left by a previous process. */
  private firstOwnSeq = 1;
  private lock: SpoolLock | undefined;
  private readonly rejected: RejectedFrames;
  private queue: Pending[] = [];
  private reservedBytes = 0;
  private writing = false;
  private inFlightFrames = 0;
  private idle: (() => void)[] = [];
  /** Segment opening, appends and sealing run one at a time, in order. */
  private serial: Promise<void> = Promise.resolve();
  private state: "new" | "open" | "closed" = "new";

  constructor(
    readonly dir: string,
    readonly maxBytes: number,
    private readonly segmentBytes = DEFAULT_SEGMENT_BYTES,
  ) {
    this.rejected = new RejectedFrames(dir);
  }

  /** This process's instance id (from the lock; undefined before open()): the prefix of its INSERTs' query ids. */
  get instance(): string | undefined {
    return this.lock?.instance;
  }

  /** The process that held the directory before this one, when its lock said so. */
  get previousHolder(): PreviousHolder | undefined {
    return this.lock?.previous;
  }

  /** Writes set aside in `rejected/` (by any process) and their bytes: not counted in `bytes`, never deleted by Skein. */
  get rejectedWrites(): number {
    return this.rejected.files;
  }

  get rejectedBytes(): number {
    return this.rejected.bytes;
  }

  /** Bytes the spool takes on disk (segments, replayed frames of a segment not yet deleted included) plus appends in flight. */
  get bytes(): number {
    let total = this.reservedBytes + (this.current?.length ?? 0);
    for (const s of this.sealed) total += s.length;
    return total;
  }

  /** Writes spooled (or being spooled) and not yet replayed. */
  get writes(): number {
    let total = this.queue.length + (this.current?.frames ?? 0);
    for (const s of this.sealed) total += s.frames - s.replayed;
    return total + this.inFlightFrames;
  }

  /**
   * Creates the directory if missing (durably: its parent is synced), takes its lock, and
   * recovers the segments found there, oldest first. Rejects with SpoolLockedError when another
   * live process holds the directory.
   */
  async open(): Promise<{ writes: number; bytes: number; rejectedWrites: number }> {
    if (this.state !== "new") throw new StorageClosedError("the spool can be opened once");
    await mkdir(this.rejected.dir, { recursive: true });
    // A new directory entry is durable only once its parent directory is synced.
    await syncDirectory(dirname(this.dir));
    await syncDirectory(this.dir);
    this.lock = await SpoolLock.acquire(this.dir);
    try {
      await this.rejected.scan();
      const seqs = (await readdir(this.dir)).map(segmentSeq).filter((s): s is number => s !== undefined).sort((a, b) => a - b);
      for (const seq of seqs) {
        const path = join(this.dir, segmentName(seq));
        const { length, frames } = await recoverSegment(path);
        this.nextSeq = seq + 1;
        if (frames === 0) await unlink(path);
        else this.sealed.push({ seq, path, length, frames, replayed: 0, replayOffset: 0, suspect: false });
      }
      this.firstOwnSeq = this.nextSeq;
    } catch (error) {
      await this.lock.release().catch(() => undefined);
      throw error;
    }
    if (this.state === "new") this.state = "open"; // else closed meanwhile: stays closed (close() released the lock)
    else await this.lock.release();
    return { writes: this.writes, bytes: this.bytes, rejectedWrites: this.rejected.files };
  }

  append(write: EncodedWrite): Promise<void> {
    if (this.state !== "open") return Promise.reject(new StorageClosedError("the ClickHouse spool is not open"));
    const buffers = encodeFrame(write);
    const bytes = buffers[0]!.length + buffers[1]!.length;
    if (this.bytes + bytes > this.maxBytes) {
      return Promise.reject(
        new StorageBackloggedError(`ClickHouse is not taking writes and the spool in ${this.dir} is full (${this.bytes} of ${this.maxBytes} bytes; this write needs ${bytes}): retry later`),
      );
    }
    this.reservedBytes += bytes;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ buffers, bytes, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    if (this.writing) return;
    if (this.queue.length === 0) {
      for (const wake of this.idle.splice(0)) wake();
      return;
    }
    const group = this.queue.splice(0, MAX_FRAMES_PER_SYNC);
    this.writing = true;
    this.inFlightFrames = group.length;
    void this.run(() => this.writeGroup(group))
      .then(
        () => group.forEach((p) => p.resolve()),
        (error: unknown) => group.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        this.writing = false;
        this.pump();
      });
  }

  private run(step: () => Promise<void>): Promise<void> {
    const result = this.serial.then(step);
    this.serial = result.catch(() => undefined);
    return result;
  }

  /** Writes a group of frames with one writev; moves their bytes from reserved to the segment (or drops them) in one step. */
  private async writeGroup(group: Pending[]): Promise<void> {
    const bytes = group.reduce((n, p) => n + p.bytes, 0);
    let segment: (Segment & { file: FileHandle }) | undefined;
    try {
      segment = this.current ?? (await this.openSegment());
      const { bytesWritten } = await segment.file.writev(group.flatMap((p) => p.buffers));
      // A short write (disk full, file size limit) reports success with fewer bytes: never ack it.
      if (bytesWritten !== bytes) throw new Error(`short write (${bytesWritten} of ${bytes} bytes): is the disk full?`);
    } catch (error) {
      this.reservedBytes -= bytes;
      this.inFlightFrames = 0;
      if (segment !== undefined) {
        segment.suspect = true;
        await this.seal();
      }
      throw new StorageUnavailableError(`cannot write to the ClickHouse spool in ${this.dir}: ${(error as Error).message}`, { cause: error });
    }
    this.reservedBytes -= bytes;
    this.inFlightFrames = 0;
    segment.length += bytes;
    segment.frames += group.length;
    if (segment.length >= this.segmentBytes) await this.seal();
  }

  private async openSegment(): Promise<Segment & { file: FileHandle }> {
    const seq = this.nextSeq++;
    const path = join(this.dir, segmentName(seq));
    const file = await open(path, APPEND_DSYNC, 0o600);
    // O_DSYNC makes the frames durable, not the new file's directory entry.
    await syncDirectory(this.dir);
    this.current = { seq, path, length: 0, frames: 0, replayed: 0, replayOffset: 0, suspect: false, file };
    return this.current;
  }

  /**
   * Stops appending to the current segment and queues it for replay — in the same step, so that
   * `writes` never misses its frames. Its in-memory length and frame count only ever grow by
   * whole, synced writes, so they are its intact prefix; after a failed write the file's tail
   * beyond them is cut (a restart would cut it too).
   */
  private async seal(): Promise<void> {
    const segment = this.current;
    if (segment === undefined) return;
    const { file, ...sealed } = segment;
    this.current = undefined;
    if (sealed.frames > 0) this.sealed.push(sealed);
    await file.close().catch(() => undefined);
    if (sealed.frames === 0) await unlink(sealed.path).catch(() => undefined);
    else if (sealed.suspect) await truncate(sealed.path, sealed.length).catch(() => undefined);
  }

  /** The oldest frame not yet replayed, or undefined when the spool is empty. */
  async next(): Promise<SpoolEntry | undefined> {
    for (;;) {
      const segment = this.sealed[0];
      if (segment === undefined) {
        if (this.current === undefined || this.current.frames === 0) return undefined;
        await this.run(() => this.seal());
        continue;
      }
      if (segment.replayOffset >= segment.length) {
        await this.removeFirst();
        continue;
      }
      segment.reader ??= await open(segment.path, "r");
      const frame = await readFrameAt(segment.reader, segment.replayOffset, segment.length);
      if (frame === undefined) throw new StorageUnavailableError(`ClickHouse spool segment ${segment.path} cannot be read at offset ${segment.replayOffset}`);
      const at = { segment: segment.seq, offset: segment.replayOffset, next: frame.next, recovered: segment.seq < this.firstOwnSeq };
      try {
        return { ...at, write: decodeFrameBody(frame.body) };
      } catch (error) {
        return { ...at, unreadable: (error as Error).message };
      }
    }
  }

  /**
   * The oldest frames not yet replayed, in order, from one segment: at least one (none when the
   * spool is empty), more while they stay within `maxBytes` and `maxWrites` in all. Reading
   * ahead changes nothing: done() each entry, in order. An unreadable frame comes alone.
   */
  async take(maxBytes: number, maxWrites = Infinity): Promise<SpoolEntry[]> {
    const first = await this.next();
    if (first === undefined) return [];
    const out = [first];
    if (first.write === undefined) return out;
    const segment = this.sealed[0]!;
    let bytes = first.next - first.offset;
    let offset = first.next;
    while (offset < segment.length && out.length < maxWrites) {
      const frame = await readFrameAt(segment.reader!, offset, segment.length);
      if (frame === undefined || bytes + (frame.next - offset) > maxBytes) break;
      let write: EncodedWrite;
      try {
        write = decodeFrameBody(frame.body);
      } catch {
        break; // handed out alone by the next take()
      }
      out.push({ segment: segment.seq, offset, next: frame.next, recovered: first.recovered, write });
      bytes += frame.next - offset;
      offset = frame.next;
    }
    return out;
  }

  /** Marks the oldest entry handed out (by next() or take()) as replayed; deletes its segment once all its frames are. */
  async done(entry: SpoolEntry): Promise<void> {
    const segment = this.sealed[0];
    if (segment === undefined || segment.seq !== entry.segment || segment.replayOffset !== entry.offset) {
      throw new Error(`spool entry ${entry.segment}@${entry.offset} is not the one being replayed`);
    }
    segment.replayOffset = entry.next;
    segment.replayed++;
    if (segment.replayOffset >= segment.length) await this.removeFirst();
  }

  /**
   * Moves the entry's frame to `<dir>/rejected/` (durably, as a frame file of its own, under a
   * name no other frame ever gets) and marks it done: for writes ClickHouse keeps refusing.
   * Returns the file's path.
   */
  async reject(entry: SpoolEntry): Promise<string> {
    const segment = this.sealed[0];
    if (segment === undefined || segment.seq !== entry.segment) throw new Error(`spool entry ${entry.segment}@${entry.offset} is not the one being replayed`);
    const frame = await readFrameAt(segment.reader!, entry.offset, segment.length);
    if (frame === undefined) throw new StorageUnavailableError(`ClickHouse spool segment ${segment.path} cannot be read at offset ${entry.offset}`);
    const path = await this.rejected.add([frame.header, frame.body], entry.write?.ingestId);
    await this.done(entry);
    return path;
  }

  /**
   * Moves the entry's write to the end of the spool (appended anew, then marked done), so that
   * the writes behind it are replayed first. Rejects like append() (StorageBackloggedError when
   * the copy does not fit), leaving the entry where it is. A crash in between leaves two frames
   * of the write: the replay stores it once all the same.
   */
  async requeue(entry: SpoolEntry & { write: EncodedWrite }): Promise<void> {
    await this.append(entry.write);
    await this.done(entry);
  }

  private async removeFirst(): Promise<void> {
    const segment = this.sealed.shift()!;
    await segment.reader?.close().catch(() => undefined);
    // Not synced: should the deletion be lost in a crash, the restart re-checks its frames.
    await unlink(segment.path);
  }

  /** Resolves once every append made so far is settled. */
  flushed(): Promise<void> {
    if (!this.writing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Stops taking appends, waits for those in flight, closes the files, releases the lock. Every frame stays on disk. Idempotent. */
  async close(): Promise<void> {
    if (this.state === "closed") return;
    const wasOpen = this.state === "open";
    this.state = "closed";
    if (!wasOpen) return;
    await this.flushed();
    await this.serial;
    await this.current?.file.close().catch(() => undefined);
    for (const s of this.sealed) await s.reader?.close().catch(() => undefined);
    await this.lock?.release().catch(() => undefined);
  }
}
