import { sparklineGeometry } from "./sparkline-path.js";

const WIDTH = 120;
const HEIGHT = 28;

/**
 * A tiny line chart of one series (SVG, no axes), for tables. `label` names it for screen readers
 * (e.g. "request rate over the last hour"); `tone` picks the colour. A series with no value at all
 * shows a flat dashed baseline, so "idle" and "nothing measured" look different from a drawn line.
 */
export function Sparkline({ values, label, tone = "accent", testId = "sparkline" }: { values: ReadonlyArray<number | null>; label: string; tone?: "accent" | "error" | "latency"; testId?: string }) {
  const geometry = sparklineGeometry(values, WIDTH, HEIGHT);
  return (
    <svg
      className={`sparkline sparkline-${tone}`}
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-points={geometry.points.length}
    >
      {geometry.segments.length === 0 && <line className="sparkline-empty" x1={0} x2={WIDTH} y1={HEIGHT - 1.5} y2={HEIGHT - 1.5} />}
      {geometry.segments.map((d, i) => (
        <path key={i} d={d} className="sparkline-line" />
      ))}
      {geometry.points.length === 1 && <circle cx={geometry.points[0]!.x} cy={geometry.points[0]!.y} r={2} className="sparkline-dot" />}
    </svg>
  );
}
