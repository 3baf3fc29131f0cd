import { useEffect, useMemo, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { alignedColumns, hasIsolatedValues, maxValue, type ChartLine } from "./time-series-data.js";
import "./charts.css";

const HEIGHT = 160;

/**
 * A line chart over time (uPlot, canvas), y from 0. `format` renders y values for the axis and the
 * legend (they are the lines' values times `scale`). The legend under the chart is HTML: it names
 * each line with its colour. For browser tests the container carries `data-testid` and
 * `data-lines`; the canvas and uPlot's `.u-axis` elements are inside.
 */
export function TimeSeriesChart(props: { title: string; timesMs: readonly number[]; lines: readonly ChartLine[]; format: (value: number) => string; scale?: number; testId?: string }) {
  const { timesMs, lines, format, scale = 1 } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const formatRef = useRef(format);
  formatRef.current = format;
  const data = useMemo(() => alignedColumns(timesMs, lines, scale), [timesMs, lines, scale]);
  const top = maxValue(lines) * scale;

  useEffect(() => {
    const container = containerRef.current!;
    const target = container.querySelector<HTMLElement>(".time-series-plot")!;
    const options = chartOptions(container.clientWidth, top, lines, (v) => formatRef.current(v));
    const plot = new uPlot(options, data as uPlot.AlignedData, target);
    const resize = new ResizeObserver(() => {
      if (container.clientWidth > 0 && container.clientWidth !== plot.width) plot.setSize({ width: container.clientWidth, height: HEIGHT });
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, top, lines]);

  return (
    <figure className="time-series panel" data-testid={props.testId ?? "time-series-chart"} data-lines={lines.length}>
      <figcaption className="time-series-head">
        <span className="time-series-title">{props.title}</span>
        <span className="time-series-legend">
          {lines.map((line) => (
            <span key={line.label} className="time-series-key">
              <span className="time-series-swatch" style={{ background: line.color }} />
              {line.label}
            </span>
          ))}
        </span>
      </figcaption>
      <div ref={containerRef} className="time-series-body">
        <div className="time-series-plot" />
      </div>
    </figure>
  );
}

function chartOptions(width: number, top: number, lines: readonly ChartLine[], format: (value: number) => string): uPlot.Options {
  const css = getComputedStyle(document.documentElement);
  const muted = css.getPropertyValue("--muted").trim() || "#6b7385";
  const axis = { stroke: muted, grid: { stroke: "#eef0f3", width: 1 }, ticks: { stroke: "#dde1e7", width: 1, size: 4 }, font: "11px system-ui, sans-serif" };
  return {
    width: Math.max(width, 200),
    height: HEIGHT,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: { x: { time: true }, y: { range: () => [0, top > 0 ? top * 1.1 : 1] } },
    axes: [
      { ...axis, space: 70 },
      { ...axis, size: 64, space: 28, values: (_u, splits) => splits.map((v) => (v == null ? "" : format(v))) },
    ],
    series: [
      {},
      // Points only where a value stands alone between gaps (a line would draw nothing there).
      ...lines.map((line) => ({ label: line.label, stroke: line.color, width: 1.5, spanGaps: false, points: { show: hasIsolatedValues(line.values), size: 5, fill: line.color } })),
    ],
  };
}
