import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Memory and CPU of a process and its descendants, read from Linux /proc. Figures are summed over
 * the tree so a launcher that re-executes node still reports the real server.
 */
export interface ProcSample {
  /** current resident set, bytes */
  rssBytes: number;
  /** peak resident set over the process lifetime (VmHWM), bytes */
  hwmBytes: number;
  /** user + system CPU seconds consumed so far */
  cpuSeconds: number;
}

let ticks: number | undefined;
/** USER_HZ, the unit of /proc CPU figures (100 on common Linux builds). */
export function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

function statusKb(pid: number, field: string): number {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  return m ? Number(m[1]) : 0;
}

/** [ppid, utime + stime ticks] from /proc/<pid>/stat (fields after the parenthesised name). */
function statFields(pid: number): [number, number] {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return [Number(rest[1]), Number(rest[11]) + Number(rest[12])];
}

/** `root` and every live descendant. */
export function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      parentOf.set(Number(entry), statFields(Number(entry))[0]);
    } catch {
      // the process ended while we listed /proc
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, ppid] of parentOf) if (ppid === tree[i]) tree.push(pid);
  return tree;
}

/** Sums over `pids`; processes that have exited are skipped. */
export function sampleProcesses(pids: number[]): ProcSample {
  const out: ProcSample = { rssBytes: 0, hwmBytes: 0, cpuSeconds: 0 };
  for (const pid of pids) {
    try {
      out.rssBytes += statusKb(pid, "VmRSS") * 1024;
      out.hwmBytes += statusKb(pid, "VmHWM") * 1024;
      out.cpuSeconds += statFields(pid)[1] / clockTicks();
    } catch {
      // exited
    }
  }
  return out;
}
