/** Tick offsets (ns from the window start) at a 1/2/5 × 10^k step, at most `maxTicks` + 1 of them, 0 first. */
export function flameTicks(windowNs: number, maxTicks: number): number[] {
  if (windowNs <= 0 || maxTicks < 1) return [0];
  const rough = windowNs / maxTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const ticks: number[] = [];
  for (let t = 0; t <= windowNs + step * 1e-9; t += step) ticks.push(t);
  return ticks;
}
