/**
 * The SVG geometry of a sparkline: values (null = no data, drawn as a gap) scaled into a
 * `width`×`height` box with `pad` px inside each edge. The y scale runs from 0 (or the minimum when
 * negative) to the maximum, so a flat non-zero line sits at the top and an idle one on the bottom;
 * an all-null or empty series has no segments. x spreads the values evenly (index order).
 */
export interface SparklineGeometry {
  /** One `M…L…` path per run of consecutive non-null values. */
  segments: string[];
  /** The points, for a single-value run (drawn as a dot) and tests. */
  points: { x: number; y: number; value: number }[];
  max: number;
}

export function sparklineGeometry(values: ReadonlyArray<number | null>, width: number, height: number, pad = 1.5): SparklineGeometry {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { segments: [], points: [], max: 0 };
  const max = Math.max(...present);
  const min = Math.min(0, ...present);
  const spanY = max - min || 1;
  const stepX = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const segments: string[] = [];
  const points: SparklineGeometry["points"] = [];
  let current = "";
  values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) {
      if (current !== "") segments.push(current);
      current = "";
      return;
    }
    const x = round(values.length > 1 ? pad + i * stepX : width / 2);
    const y = round(height - pad - ((value - min) / spanY) * (height - 2 * pad));
    points.push({ x, y, value });
    current += `${current === "" ? "M" : "L"}${x},${y}`;
  });
  if (current !== "") segments.push(current);
  return { segments, points, max };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
