/**
 * One line of a time-series chart: a label for the legend, its colour, and one value per x (null:
 * nothing measured in that window, drawn as a gap).
 */
export interface ChartLine {
  label: string;
  color: string;
  values: ReadonlyArray<number | null>;
}

/**
 * uPlot's aligned columns for `lines` at window starts `timesMs` (unix ms): x in unix SECONDS
 * (uPlot's time unit), then one column per line scaled by `scale` (e.g. ns → ms). Every line must
 * have one value per time; a missing one is null.
 */
export function alignedColumns(timesMs: readonly number[], lines: readonly ChartLine[], scale = 1): [number[], ...(number | null)[][]] {
  const xs = timesMs.map((ms) => ms / 1000);
  const columns = lines.map((line) => timesMs.map((_, i) => {
    const value = line.values[i];
    return value === null || value === undefined || !Number.isFinite(value) ? null : value * scale;
  }));
  return [xs, ...columns];
}

/** The largest value of the lines (0 when none): the charts start their y axis at 0. */
export function maxValue(lines: readonly ChartLine[]): number {
  let max = 0;
  for (const line of lines) for (const value of line.values) if (value !== null && Number.isFinite(value) && value > max) max = value;
  return max;
}

/**
 * True when some value has no non-null neighbour: a line through it would draw nothing (sparse
 * traffic with idle windows in between), so the chart must draw points.
 */
export function hasIsolatedValues(values: ReadonlyArray<number | null>): boolean {
  const present = (i: number) => i >= 0 && i < values.length && values[i] !== null && Number.isFinite(values[i]);
  return values.some((_, i) => present(i) && !present(i - 1) && !present(i + 1));
}
