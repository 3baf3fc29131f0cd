import type { ApiTraceSummary } from "@skein/model/api";
import { useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatDuration } from "../../format/format-duration.js";
import { formatTimestamp } from "../../format/format-time.js";
import { buildScatterData, nearestPoint, type ScatterData } from "./scatter-data.js";

const HEIGHT = 180;
/** How far (CSS px) from a point a click or hover still picks it. */
const PICK_DISTANCE = 10;

type PlotContainer = HTMLDivElement & { skeinPlot?: uPlot };

/**
 * Duration over time of the search results (uPlot, log-scale y in ms), errors in red. Clicking
 * near a point (≤ 10 px) calls `onOpen(traceId)`; hovering shows the trace's root and duration.
 * For browser tests the container carries the plot (`skeinPlot`) and `data-trace-ids`, the ids in
 * plotted-point order (see ScatterData for the columns). The data shaping is in scatter-data.ts.
 */
export function SearchScatter({ traces, onOpen }: { traces: readonly ApiTraceSummary[]; onOpen: (traceId: string) => void }) {
  const containerRef = useRef<PlotContainer>(null);
  const onOpenRef = useRef(onOpen);
  const data = useMemo(() => buildScatterData(traces), [traces]);
  const [hover, setHover] = useState<{ index: number; left: number; top: number } | null>(null);

  useEffect(() => {
    onOpenRef.current = onOpen;
  }, [onOpen]);

  useEffect(() => {
    const container = containerRef.current!;
    const plot = new uPlot(plotOptions(container.clientWidth), [data.xs, data.ys, data.errorYs], container.querySelector<HTMLElement>(".search-scatter-plot")!);
    container.skeinPlot = plot;
    container.dataset.traceIds = data.traceIds.join(",");

    const pick = (event: MouseEvent) => {
      const rect = plot.over.getBoundingClientRect();
      const points = data.xs.map((x, i) => ({ left: plot.valToPos(x, "x"), top: plot.valToPos(data.ys[i]!, "y") }));
      const index = nearestPoint(points, event.clientX - rect.left, event.clientY - rect.top, PICK_DISTANCE);
      return { index, point: points[index], overLeft: plot.over.offsetLeft, overTop: plot.over.offsetTop };
    };
    const onMove = (event: MouseEvent) => {
      const { index, point, overLeft, overTop } = pick(event);
      plot.over.style.cursor = index >= 0 ? "pointer" : "default";
      setHover(point ? { index, left: overLeft + point.left, top: overTop + point.top } : null);
    };
    const onClick = (event: MouseEvent) => {
      const { index } = pick(event);
      if (index >= 0) onOpenRef.current(data.traceIds[index]!);
    };
    const onLeave = () => setHover(null);
    plot.over.addEventListener("mousemove", onMove);
    plot.over.addEventListener("click", onClick);
    plot.over.addEventListener("mouseleave", onLeave);

    const resize = new ResizeObserver(() => {
      if (container.clientWidth > 0 && container.clientWidth !== plot.width) plot.setSize({ width: container.clientWidth, height: HEIGHT });
    });
    resize.observe(container);
    return () => {
      resize.disconnect();
      plot.destroy();
      delete container.skeinPlot;
      setHover(null);
    };
  }, [data]);

  return (
    <div className="search-scatter" data-testid="search-scatter" ref={containerRef}>
      <div className="search-scatter-plot" />
      {hover && <ScatterTooltip data={data} {...hover} />}
    </div>
  );
}

function ScatterTooltip({ data, index, left, top }: { data: ScatterData; index: number; left: number; top: number }) {
  const trace = data.traces[index];
  if (!trace) return null;
  return (
    <div className="search-scatter-tooltip" style={{ left, top }} role="tooltip">
      <div className="search-scatter-tooltip-title">
        <strong>{trace.rootService}</strong> {trace.rootName}
      </div>
      <div className="mono">
        {formatDuration(trace.durationNano)} · {trace.spanCount} spans
        {trace.errorCount > 0 && <span className="error-text"> · {trace.errorCount} errors</span>}
      </div>
      <div className="muted mono">{formatTimestamp(trace.startTimeUnixNano)}</div>
    </div>
  );
}

function plotOptions(width: number): uPlot.Options {
  const css = getComputedStyle(document.documentElement);
  const accent = css.getPropertyValue("--accent").trim() || "#3b6fd8";
  const error = css.getPropertyValue("--error").trim() || "#d33a3a";
  const muted = css.getPropertyValue("--muted").trim() || "#6b7385";
  const grid = { stroke: "#eef0f3", width: 1 };
  const axis = { stroke: muted, grid, ticks: { stroke: "#dde1e7", width: 1, size: 4 }, font: "11px system-ui, sans-serif" };
  const points = (color: string, fill: string): uPlot.Series => ({
    stroke: color,
    paths: () => null,
    points: { show: true, size: 7, width: 1, stroke: color, fill },
  });
  return {
    width: Math.max(width, 200),
    height: HEIGHT,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: true, range: (_u, min, max) => padRange(min, max) },
      y: { distr: 3, log: 10, range: (_u, min, max) => uPlot.rangeLog(min / 1.6, max * 1.6, 10, false) },
    },
    axes: [
      { ...axis, space: 80 },
      { ...axis, size: 64, space: 24, values: (_u, splits) => splits.map((ms) => (ms == null ? "" : formatDuration(ms * 1e6))) },
    ],
    series: [{}, points(accent, hexWithAlpha(accent, 0.45)), points(error, hexWithAlpha(error, 0.8))],
  };
}

/** A little room on both sides so edge points are not cut; one minute around a single point. */
function padRange(min: number, max: number): [number, number] {
  const pad = max > min ? (max - min) * 0.03 : 30;
  return [min - pad, max + pad];
}

function hexWithAlpha(hex: string, alpha: number): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return hex;
  return `rgba(${parseInt(match[1]!, 16)}, ${parseInt(match[2]!, 16)}, ${parseInt(match[3]!, 16)}, ${alpha})`;
}
