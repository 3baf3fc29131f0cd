import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { clockTicks } from "./proc-stats.js";

/**
 * CPU seconds the whole machine has been busy (all cores: user, nice, system, irq, softirq,
 * steal), from the first line of Linux /proc/stat. NaN where /proc/stat cannot be read.
 */
export function machineBusySeconds(): number {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
    return (user + nice + system + irq + softirq + steal) / clockTicks();
  } catch {
    return Number.NaN;
  }
}

/**
 * The share of one core that processes other than the measured ones used during a phase:
 * (machine busy − `ownCpuSeconds`) ÷ elapsed seconds, floored at 0. The `sdk` scenario runs the
 * load generator, the service and Skein on the same cores; anything else running on the machine
 * (another build, a test suite) slows the service down and shows here. The result is rounded to
 * 0.01 and only as exact as the kernel's tick (10 ms).
 */
export function otherCpuShare(machineBusyDelta: number, ownCpuSeconds: number, elapsedSeconds: number): number {
  if (!Number.isFinite(machineBusyDelta) || elapsedSeconds <= 0) return Number.NaN;
  const share = Math.max(0, machineBusyDelta - ownCpuSeconds) / elapsedSeconds;
  return Math.min(cpus().length, Math.round(share * 100) / 100);
}
