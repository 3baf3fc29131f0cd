import { formatDuration } from "../../../format/format-duration.js";
import { timeTicks } from "../../../trace/time-ticks.js";
import type { ZoomWindow } from "./zoom-window.js";

/**
 * Tick labels (time since the trace start) over the current zoom window, above the bars. Ticks
 * right of `labelsUpTo` (percent) go unlabelled: their label would run out of the column or under
 * the reset button.
 */
export function TimeAxis({ zoom, labelsUpTo = 93 }: { zoom: ZoomWindow; labelsUpTo?: number }) {
  const ticks = timeTicks(zoom);
  return (
    <div className="waterfall-time-axis" data-testid="time-axis">
      {ticks.map((tick) => (
        <span key={tick.offsetNs} className="waterfall-tick" style={{ left: `${tick.percent}%` }}>
          {tick.percent <= labelsUpTo && <span className="waterfall-tick-label">{tick.offsetNs === 0 ? "0" : formatDuration(tick.offsetNs)}</span>}
        </span>
      ))}
    </div>
  );
}

/** The same ticks as faint vertical lines behind the rows (one element per tick, not per row). */
export function TickLines({ zoom }: { zoom: ZoomWindow }) {
  return (
    <div className="waterfall-tick-lines" aria-hidden="true">
      {timeTicks(zoom).map((tick) => (
        <span key={tick.offsetNs} style={{ left: `${tick.percent}%` }} />
      ))}
    </div>
  );
}
