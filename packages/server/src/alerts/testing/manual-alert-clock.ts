import type { AlertClock } from "../alerting.js";

/** A clock whose timers run only when the test says so; `wallOffset` steps the wall clock away from the monotonic one. */
export function manualClock(now: number) {
  const timers: { fn: () => void; at: number }[] = [];
  const clock: AlertClock & { time: number; wallOffset: number; fire(): void; pending(): number[] } = {
    time: now,
    wallOffset: 0,
    now: () => clock.time + clock.wallOffset,
    monotonicNow: () => clock.time,
    setTimeout(fn, ms) {
      const timer = { fn, at: clock.time + ms };
      timers.push(timer);
      return timer;
    },
    clearTimeout(handle) {
      const i = timers.indexOf(handle as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    fire() {
      const next = timers.shift();
      if (next) {
        clock.time = Math.max(clock.time, next.at);
        next.fn();
      }
    },
    pending: () => timers.map((t) => t.at),
  };
  return clock;
}
