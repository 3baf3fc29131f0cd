import { readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { syncDirectory } from "./spool-segment.js";

/** Where frames that ClickHouse keeps rejecting are moved (never deleted), inside the spool dir. */
export const REJECTED_DIR = "rejected";

/**
 * The `rejected/` folder of a spool: one file per set-aside write, `<ingest id>-<ms since
 * epoch>.frame` (`unreadable-<ms>.frame` for a frame this version cannot decode), holding the
 * frame as it was spooled (a segment of one frame: a spool opened on a copy replays it).
 * Names never repeat, across restarts too: a file is created with `wx`, and a taken name gets a
 * `-<n>` suffix. Counts the files and bytes there (found at scan(), added since) for operators;
 * Skein never deletes them.
 */
export class RejectedFrames {
  readonly dir: string;
  private count = 0;
  private size = 0;

  constructor(spoolDir: string) {
    this.dir = join(spoolDir, REJECTED_DIR);
  }

  get files(): number {
    return this.count;
  }

  get bytes(): number {
    return this.size;
  }

  /** Counts what earlier processes left. */
  async scan(): Promise<void> {
    this.count = 0;
    this.size = 0;
    for (const name of await readdir(this.dir)) {
      const info = await stat(join(this.dir, name)).catch(() => undefined);
      if (info?.isFile() !== true) continue;
      this.count++;
      this.size += info.size;
    }
  }

  /** Writes `frame` (header and body) to a new file, durably; returns its path. */
  async add(frame: readonly Buffer[], ingestId: bigint | undefined): Promise<string> {
    const base = `${ingestId === undefined ? "unreadable" : ingestId.toString()}-${Date.now()}`;
    const data = Buffer.concat(frame);
    for (let n = 0; ; n++) {
      const path = join(this.dir, n === 0 ? `${base}.frame` : `${base}-${n}.frame`);
      try {
        await writeFile(path, data, { mode: 0o600, flush: true, flag: "wx" });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "EEXIST") continue;
        throw error;
      }
      await syncDirectory(this.dir);
      this.count++;
      this.size += data.length;
      return path;
    }
  }
}
