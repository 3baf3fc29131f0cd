/**
 * The time window the waterfall's bars and axis show, in ns relative to the trace start
 * (`start` < `end` always, so a zero-length trace still has a 1 ns window to divide by).
 */
export interface ZoomWindow {
  readonly start: number;
  readonly end: number;
}

/** Windows narrower than this are widened: below ~a nanosecond nothing is left to read. */
const MIN_WINDOW_NS = 1;

export function fullWindow(durationNs: number): ZoomWindow {
  return { start: 0, end: Math.max(durationNs, MIN_WINDOW_NS) };
}

export function isFullWindow(window: ZoomWindow, durationNs: number): boolean {
  return window.start <= 0 && window.end >= Math.max(durationNs, MIN_WINDOW_NS);
}

/**
 * The window selected by dragging from `x0` to `x1` (pixels, either order) over a strip `width`
 * pixels wide that shows the whole trace. Clamped to the strip.
 */
export function windowFromPixels(x0: number, x1: number, width: number, durationNs: number): ZoomWindow {
  const whole = Math.max(durationNs, MIN_WINDOW_NS);
  const toNs = (x: number) => (Math.min(Math.max(x, 0), width) / Math.max(width, 1)) * whole;
  let start = toNs(Math.min(x0, x1));
  let end = toNs(Math.max(x0, x1));
  if (end - start < MIN_WINDOW_NS) {
    end = Math.min(whole, start + MIN_WINDOW_NS);
    start = end - MIN_WINDOW_NS;
  }
  return { start, end };
}

/** Where `window` sits on the whole-trace strip, as fractions 0–1 of its width. */
export function windowFractions(window: ZoomWindow, durationNs: number): { left: number; right: number } {
  const whole = Math.max(durationNs, MIN_WINDOW_NS);
  return { left: Math.max(0, window.start / whole), right: Math.min(1, window.end / whole) };
}

/**
 * A span bar inside a window, as percentages of the timeline column. `clippedStart`/`clippedEnd`
 * say the span continues beyond the window; `outside` that nothing of it is in the window.
 */
export interface BarGeometry {
  readonly left: number;
  readonly width: number;
  readonly clippedStart: boolean;
  readonly clippedEnd: boolean;
  readonly outside: boolean;
}

export function barGeometry(startNs: number, durationNs: number, window: ZoomWindow): BarGeometry {
  const span = window.end - window.start;
  const from = ((startNs - window.start) / span) * 100;
  const to = ((startNs + durationNs - window.start) / span) * 100;
  const outside = to < 0 || from > 100 || (durationNs === 0 && (from < 0 || from > 100));
  const left = Math.min(Math.max(from, 0), 100);
  const right = Math.min(Math.max(to, 0), 100);
  return { left, width: right - left, clippedStart: from < 0, clippedEnd: to > 100, outside };
}
