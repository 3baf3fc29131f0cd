import { formatDuration } from "../../format/format-duration.js";
import { cellIntensity, type HeatmapCell, type HeatmapGrid } from "./heatmap-cells.js";
import "./charts.css";

const LEFT = 64;
const BOTTOM = 20;
const TOP = 4;
const ROW_HEIGHT = 12;
const WIDTH = 720;

/**
 * A latency heatmap (SVG): x the time windows, y the latency bands (fastest at the bottom), colour
 * the count (log scale). Each non-empty cell is a button (click, Enter or Space) that calls
 * `onSelect`; `selected` is outlined. Cells carry `data-testid="heatmap-cell"` and their count.
 */
export function LatencyHeatmap({ grid, selected, onSelect }: { grid: HeatmapGrid; selected: HeatmapCell | null; onSelect: (cell: HeatmapCell) => void }) {
  const plotWidth = WIDTH - LEFT - 8;
  const cellWidth = plotWidth / Math.max(1, grid.columns.length);
  const height = TOP + grid.rows.length * ROW_HEIGHT + BOTTOM;
  const yOf = (row: number) => TOP + (grid.rows.length - 1 - row) * ROW_HEIGHT;
  const labelEvery = Math.max(1, Math.ceil(grid.rows.length / 6));
  const timeEvery = Math.max(1, Math.ceil(grid.columns.length / 6));
  return (
    <svg className="latency-heatmap" viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="group" aria-label="Latency heatmap: time across, duration up, darker is more spans" data-testid="latency-heatmap">
      {grid.rows.map((row, r) =>
        r % labelEvery === 0 ? (
          <text key={`y${r}`} className="heatmap-axis-label" x={LEFT - 6} y={yOf(r) + ROW_HEIGHT - 2} textAnchor="end">
            {formatDuration(row.lowerNano)}
          </text>
        ) : null,
      )}
      {grid.columns.map((timeMs, c) =>
        c % timeEvery === 0 ? (
          <text key={`x${c}`} className="heatmap-axis-label" x={LEFT + c * cellWidth} y={height - 6}>
            {clock(timeMs)}
          </text>
        ) : null,
      )}
      <rect className="heatmap-frame" x={LEFT} y={TOP} width={plotWidth} height={grid.rows.length * ROW_HEIGHT} />
      {grid.cells.map((cell) => {
        const isSelected = selected !== null && selected.column === cell.column && selected.row === cell.row;
        const label = `${cell.count.toLocaleString()} spans of ${formatDuration(cell.lowerNano)}${cell.upperNano === null ? " or more" : ` to ${formatDuration(cell.upperNano)}`} at ${clock(cell.startMs)}`;
        return (
          <rect
            key={`${cell.column}:${cell.row}`}
            className={isSelected ? "heatmap-cell heatmap-cell-selected" : "heatmap-cell"}
            x={LEFT + cell.column * cellWidth + 0.5}
            y={yOf(cell.row) + 0.5}
            width={Math.max(1, cellWidth - 1)}
            height={ROW_HEIGHT - 1}
            style={{ fillOpacity: 0.15 + 0.85 * cellIntensity(cell.count, grid.maxCount) }}
            role="button"
            tabIndex={0}
            aria-label={label}
            aria-pressed={isSelected}
            data-testid="heatmap-cell"
            data-count={cell.count}
            onClick={() => onSelect(cell)}
            onKeyDown={(event) => {
              if (event.key === "Enter" || event.key === " ") {
                event.preventDefault();
                onSelect(cell);
              }
            }}
          >
            <title>{label}</title>
          </rect>
        );
      })}
    </svg>
  );
}

/** HH:MM in local time. */
function clock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}
