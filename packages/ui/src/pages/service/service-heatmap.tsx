import type { ApiLatencyHistogramResponse } from "@skein/model/api";
import { useMemo, useState } from "react";
import { buildHeatmapGrid, type HeatmapCell } from "../../components/charts/heatmap-cells.js";
import { LatencyHeatmap } from "../../components/charts/latency-heatmap.js";
import { HeatmapCellTraces } from "./heatmap-cell-traces.js";

/**
 * The latency heatmap of the service's (or operation's) stored spans over the range (those
 * `spansLabel` names, e.g. "server spans"), and, once a
 * cell is clicked, that cell's traces. The selection is per answer: a new answer clears it.
 */
export function ServiceHeatmap(props: {
  histogram: ApiLatencyHistogramResponse;
  spansLabel: string;
  startMs: number;
  endMs: number;
  service: string;
  operation: string | undefined;
  /** The span kind the histogram was asked with (undefined: every kind); a cell's trace search carries it. */
  kind: string | undefined;
}) {
  const { histogram } = props;
  const grid = useMemo(() => buildHeatmapGrid(histogram.buckets, histogram.stepMs, props.startMs, props.endMs), [histogram, props.startMs, props.endMs]);
  const [selected, setSelected] = useState<{ for: ApiLatencyHistogramResponse; cell: HeatmapCell } | null>(null);
  const cell = selected !== null && selected.for === histogram ? selected.cell : null;
  if (grid.cells.length === 0) return <p className="muted service-section-note">No {props.spansLabel} stored in this time range.</p>;
  return (
    <div className="service-heatmap">
      <LatencyHeatmap grid={grid} selected={cell} onSelect={(next) => setSelected({ for: histogram, cell: next })} />
      {cell === null ? (
        <p className="muted service-section-note">Click a cell to list its traces.</p>
      ) : (
        <HeatmapCellTraces cell={cell} service={props.service} operation={props.operation} kind={props.kind} />
      )}
    </div>
  );
}
