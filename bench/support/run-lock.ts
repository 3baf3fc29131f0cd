import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DATA_DIR } from "./repo-paths.js";

const LOCK = join(DATA_DIR, "bench.lock");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * One bench run at a time: runs share bench/.data (data dir, manifest, server log), and a second
 * run would delete the data set under the first one's server. A lock left by a dead run is taken
 * over. Released when this process exits.
 */
export function acquireRunLock(): void {
  try {
    writeFileSync(LOCK, String(process.pid), { flag: "wx" });
  } catch {
    const holder = Number(readFileSync(LOCK, "utf8"));
    if (holder !== process.pid && alive(holder)) throw new Error(`another bench run (pid ${holder}) is using ${DATA_DIR}; wait for it to finish`);
    writeFileSync(LOCK, String(process.pid));
  }
  process.on("exit", () => rmSync(LOCK, { force: true }));
}
