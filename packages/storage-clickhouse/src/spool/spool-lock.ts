import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { link, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { SkeinError } from "@skein/model";
import { syncDirectory } from "./spool-segment.js";

/**
 * The lock file of the spool directory `dir`: beside it (`<dataDir>/clickhouse-spool.lock`), so
 * that the spool directory itself stays empty once drained.
 */
export function lockPath(dir: string): string {
  return `${dir}.lock`;
}

/**
 * Another live process holds the spool directory (one Skein per data dir): start fails rather
 * than let two processes append to and delete each other's segments. Code
 * SKEIN_ERR_CLICKHOUSE_SPOOL_LOCKED.
 */
export class SpoolLockedError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_CLICKHOUSE_SPOOL_LOCKED", message);
  }
}

interface LockContent {
  /** 0 once released by a clean close. */
  pid: number;
  /** Linux boot id: a pid recorded before a reboot names nobody. */
  boot: string;
  /** The holder's instance id: the prefix of the query ids of its INSERTs. */
  instance: string;
}

/** What the lock says about the process that held the directory before this one. */
export interface PreviousHolder {
  instance: string;
  /** It ended without releasing the lock (killed, crashed). */
  crashed: boolean;
}

/** Lock files held by this process, by path: a recorded pid equal to ours is stale unless listed here. */
const heldHere = new Set<string>();

function bootId(): string {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return "";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

function parse(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (typeof value.pid !== "number" || typeof value.instance !== "string" || typeof value.boot !== "string") return undefined;
    return { pid: value.pid, boot: value.boot, instance: value.instance };
  } catch {
    return undefined;
  }
}

/** A new instance id: `skein-` and 12 hex digits (only characters that need no escaping in SQL or LIKE). */
function newInstance(): string {
  return `skein-${randomBytes(6).toString("hex")}`;
}

/**
 * The exclusive lock of a spool directory: a lock file (lockPath) holding the holder's pid, boot
 * id and instance id, created atomically with its content (written aside, then hard-linked into
 * place, which fails if a lock exists). A lock whose pid is dead, was released, or dates from another
 * boot is taken over; one held by a live process makes acquire() fail with SpoolLockedError.
 * release() marks the file released (pid 0) instead of deleting it, so the next holder learns
 * the previous instance id either way. Two processes taking over the same stale lock at the
 * same instant is not excluded (each removes the stale file, one of them may win twice).
 */
export class SpoolLock {
  private released = false;

  private constructor(
    private readonly path: string,
    /** This holder's instance id. */
    readonly instance: string,
    readonly previous: PreviousHolder | undefined,
  ) {}

  static async acquire(dir: string): Promise<SpoolLock> {
    const path = lockPath(dir);
    const parent = dirname(path);
    const content: LockContent = { pid: process.pid, boot: bootId(), instance: newInstance() };
    const staging = join(parent, `${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}`);
    await writeFile(staging, JSON.stringify(content), { mode: 0o600, flush: true });
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          await link(staging, path);
          heldHere.add(path);
          await syncDirectory(parent);
          return new SpoolLock(path, content.instance, undefined);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 3) throw error;
        }
        const text = await readFile(path, "utf8").catch(() => undefined);
        if (text === undefined) continue; // removed meanwhile
        const holder = parse(text);
        if (holder !== undefined && holder.pid !== 0 && holder.boot === content.boot && (holder.pid === process.pid ? heldHere.has(path) : alive(holder.pid))) {
          throw new SpoolLockedError(
            `another Skein process (pid ${holder.pid}) uses this data dir: its ClickHouse spool ${dir} is locked by ${path}. Run one Skein per --data-dir; if no such process runs, delete ${path} and start again`,
          );
        }
        // Stale: replace it in one step, keeping what it says about the previous holder.
        await rename(staging, path);
        heldHere.add(path);
        await syncDirectory(parent);
        const previous = holder === undefined ? undefined : { instance: holder.instance, crashed: holder.pid !== 0 };
        return new SpoolLock(path, content.instance, previous);
      }
    } finally {
      await unlink(staging).catch(() => undefined);
    }
  }

  /** Marks the lock released (pid 0). Idempotent. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    heldHere.delete(this.path);
    const content: LockContent = { pid: 0, boot: bootId(), instance: this.instance };
    const staging = `${this.path}.${process.pid}.release`;
    await writeFile(staging, JSON.stringify(content), { mode: 0o600, flush: true });
    await rename(staging, this.path);
  }
}
