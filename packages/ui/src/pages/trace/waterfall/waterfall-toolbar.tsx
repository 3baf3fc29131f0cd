import { useRef, type KeyboardEvent, type PointerEvent } from "react";
import { formatDuration } from "../../../format/format-duration.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import { FindBar, type FindBarProps } from "./find-bar.js";
import { OverviewStrip } from "./overview-strip.js";
import { TimeAxis } from "./time-axis.js";
import { fullWindow, isFullWindow, type ZoomWindow } from "./zoom-window.js";

export interface WaterfallToolbarProps {
  readonly model: TraceModel;
  readonly zoom: ZoomWindow;
  readonly onZoom: (zoom: ZoomWindow) => void;
  readonly find: FindBarProps;
  readonly logCount: number;
  readonly showLogs: boolean;
  readonly onShowLogs: (show: boolean) => void;
  readonly onCollapseAll: () => void;
  readonly onExpandAll: () => void;
  /** Width of the tree column, in percent of the waterfall (NAME_WIDTH_MIN–NAME_WIDTH_MAX). */
  readonly nameWidth: number;
  readonly onResizeName: (percent: number) => void;
}

export const NAME_WIDTH_MIN = 15;
export const NAME_WIDTH_MAX = 70;
/** Percent a ←/→ press on the focused column resizer moves it (Shift: 5×). */
const NAME_WIDTH_STEP = 2;

const clampWidth = (percent: number) => Math.min(NAME_WIDTH_MAX, Math.max(NAME_WIDTH_MIN, percent));

/**
 * The waterfall's fixed head, in the same two columns as the rows: find box and overview strip,
 * then tree controls and the time axis. The handle between the columns resizes the tree column:
 * drag it, or focus it (Tab) and press ←/→ (Home/End for the limits).
 */
export function WaterfallToolbar(props: WaterfallToolbarProps) {
  const { model, zoom } = props;
  const headRef = useRef<HTMLDivElement>(null);
  const zoomed = !isFullWindow(zoom, model.durationNs);

  const resizeTo = (event: PointerEvent<HTMLSpanElement>) => {
    const box = headRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    props.onResizeName(clampWidth(((event.clientX - box.left) / box.width) * 100));
  };
  const resizeByKey = (event: KeyboardEvent<HTMLSpanElement>) => {
    const step = event.shiftKey ? NAME_WIDTH_STEP * 5 : NAME_WIDTH_STEP;
    const next =
      event.key === "ArrowLeft" ? props.nameWidth - step : event.key === "ArrowRight" ? props.nameWidth + step : event.key === "Home" ? NAME_WIDTH_MIN : event.key === "End" ? NAME_WIDTH_MAX : undefined;
    if (next === undefined) return;
    event.preventDefault();
    props.onResizeName(clampWidth(next));
  };

  return (
    <div className="waterfall-head" ref={headRef}>
      <div className="waterfall-head-row waterfall-tools">
        <div className="waterfall-name-col">
          <FindBar {...props.find} />
        </div>
        <div className="waterfall-time-col">
          <OverviewStrip model={model} zoom={zoom} onZoom={props.onZoom} />
        </div>
      </div>
      <div className="waterfall-head-row waterfall-axis-row">
        <div className="waterfall-name-col waterfall-tree-tools">
          <button type="button" className="waterfall-tool" onClick={props.onExpandAll} title="Expand every span">
            Expand all
          </button>
          <button type="button" className="waterfall-tool" onClick={props.onCollapseAll} title="Show only the root's children">
            Collapse all
          </button>
          {props.logCount > 0 && (
            <label className="waterfall-tool waterfall-logs-switch">
              <input type="checkbox" checked={props.showLogs} onChange={(event) => props.onShowLogs(event.target.checked)} />
              Logs ({props.logCount})
            </label>
          )}
        </div>
        <div className="waterfall-time-col">
          <TimeAxis zoom={zoom} labelsUpTo={zoomed ? 75 : 93} />
          {zoomed && (
            <button
              type="button"
              className="waterfall-tool waterfall-reset-zoom"
              onClick={() => props.onZoom(fullWindow(model.durationNs))}
              title={`Showing ${formatDuration(zoom.start)} – ${formatDuration(zoom.end)}; click (or double-click the overview) for the whole trace`}
            >
              Reset zoom
            </button>
          )}
        </div>
      </div>
      <span
        className="waterfall-resizer"
        role="separator"
        aria-orientation="vertical"
        aria-label="Resize the span name column"
        aria-valuenow={Math.round(props.nameWidth)}
        aria-valuemin={NAME_WIDTH_MIN}
        aria-valuemax={NAME_WIDTH_MAX}
        aria-valuetext={`Span name column ${Math.round(props.nameWidth)}% wide`}
        tabIndex={0}
        title="Drag, or focus and press ←/→, to resize the span name column"
        onKeyDown={resizeByKey}
        onPointerDown={(event) => event.currentTarget.setPointerCapture(event.pointerId)}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) resizeTo(event);
        }}
      />
    </div>
  );
}
