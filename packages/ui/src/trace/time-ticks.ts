/** A tick of a time axis: ns from the trace start, and where it sits as a percentage of the window. */
export interface TimeTick {
  readonly offsetNs: number;
  readonly percent: number;
}

/**
 * Axis ticks for a time window (ns from the trace start, `start` < `end`): round values 1, 2 or
 * 5 × 10^k ns apart, about `target` intervals, from the first round value inside the window. The
 * one tick function of the trace page (waterfall axis and flame graph). Each tick is computed from
 * its integer multiple, never by adding steps, so labels carry no accumulated float error (a
 * sub-ns step divides by its exact inverse: 3 × 0.1 would give 0.30000000000000004).
 */
export function timeTicks(window: { readonly start: number; readonly end: number }, target = 6): TimeTick[] {
  const span = window.end - window.start;
  if (!(span > 0)) return [{ offsetNs: window.start, percent: 0 }];
  const rough = span / Math.max(target, 1);
  const exponent = Math.floor(Math.log10(rough));
  const magnitude = 10 ** exponent;
  const multiplier = [1, 2, 5, 10].find((m) => m * magnitude >= rough) ?? 10;
  const step = multiplier * magnitude;
  const at = exponent < 0 ? (k: number) => (k * multiplier) / 10 ** -exponent : (k: number) => k * step;
  const ticks: TimeTick[] = [];
  for (let k = Math.ceil(window.start / step); at(k) <= window.end + step * 1e-9; k++) {
    const offsetNs = at(k);
    ticks.push({ offsetNs, percent: ((offsetNs - window.start) / span) * 100 });
  }
  return ticks;
}
