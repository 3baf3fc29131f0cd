import { useRef, type PointerEvent } from "react";
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
  /** New width of the tree column, in percent of the waterfall (15–70). */
  readonly onResizeName: (percent: number) => void;
}

/**
 * The waterfall's fixed head, in the same two columns as the rows: find box and overview strip,
 * then tree controls and the time axis. The handle between the columns resizes the tree column.
 */
export function WaterfallToolbar(props: WaterfallToolbarProps) {
  const { model, zoom } = props;
  const headRef = useRef<HTMLDivElement>(null);
  const zoomed = !isFullWindow(zoom, model.durationNs);

  const resizeTo = (event: PointerEvent<HTMLSpanElement>) => {
    const box = headRef.current?.getBoundingClientRect();
    if (!box || box.width === 0) return;
    props.onResizeName(Math.min(70, Math.max(15, ((event.clientX - box.left) / box.width) * 100)));
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
        onPointerDown={(event) => event.currentTarget.setPointerCapture(event.pointerId)}
        onPointerMove={(event) => {
          if (event.currentTarget.hasPointerCapture(event.pointerId)) resizeTo(event);
        }}
      />
    </div>
  );
}
