import type { ApiLog } from "@skein/model/api";
import { memo, type CSSProperties } from "react";
import { formatDuration } from "../../../format/format-duration.js";
import { logTime } from "../../../format/log-text.js";
import type { TraceNode } from "../../../trace/trace-model.js";
import { criticalBarSegments } from "../critical-path/critical-path-lookup.js";
import { barGeometry, type ZoomWindow } from "./zoom-window.js";

const INDENT_PX = 14;
/** The deepest span's indentation takes at most this share of the tree column. */
const MAX_INDENT_PERCENT = 40;

/**
 * The indentation spacer of a tree level: 14px a level, squeezed for deep traces so the deepest
 * level (`maxDepth` = the trace's depth) takes at most 40% of the tree column (`column`, a CSS
 * length the spacer's container measures against). One guide line per level, drawn as a tile.
 */
export function indentStyle(depth: number, maxDepth: number, column = "100%"): CSSProperties {
  const share = (depth / Math.max(maxDepth, 1)) * (MAX_INDENT_PERCENT / 100);
  return {
    width: `min(${depth * INDENT_PX}px, calc(${column} * ${share.toFixed(4)}))`,
    backgroundSize: depth > 0 ? `${100 / depth}% 100%` : undefined,
  };
}

export interface SpanRowProps {
  readonly node: TraceNode;
  /** The row's DOM id (spanRowId), named by the tree's aria-activedescendant when selected. */
  readonly rowId: string;
  /** Pixel offset inside the virtual list (rows are absolutely positioned). */
  readonly top: number;
  readonly color: string;
  readonly selected: boolean;
  readonly matched: boolean;
  readonly collapsed: boolean;
  /** Spans under this one (the whole subtree), shown on the toggle. */
  readonly descendants: number;
  readonly zoom: ZoomWindow;
  /** The trace's depth (TraceModel.maxDepth), which scales the indentation. */
  readonly maxDepth: number;
  readonly traceStartNs: bigint;
  /** This span's logs (time order), drawn as ticks on the bar; the same array across renders. */
  readonly logs: readonly ApiLog[] | undefined;
  /**
   * While the critical path is shown: this span's segments (flat [start, end, …], relative ns; empty
   * when it is off the path). Undefined when the critical path is not shown.
   */
  readonly critical?: readonly number[];
  /** Both callbacks must be stable: the row is memoized and re-renders only when its props change. */
  readonly onSelect: (index: number) => void;
  readonly onToggle: (index: number) => void;
}

/** One span of the waterfall: tree column (toggle, service, operation, error mark) and its bar. */
export const SpanRow = memo(function SpanRow(props: SpanRowProps) {
  const { node, color, selected, matched, collapsed, descendants } = props;
  const span = node.span;
  const hasChildren = node.children.length > 0;
  const onPath = props.critical !== undefined && props.critical.length > 0;
  const className = `waterfall-row waterfall-span-row${selected ? " is-selected" : ""}${matched ? " is-match" : ""}${node.isError ? " is-error" : ""}${onPath ? " is-critical" : ""}`;
  return (
    <div
      id={props.rowId}
      className={className}
      role="treeitem"
      aria-selected={selected}
      aria-level={node.depth + 1}
      aria-expanded={hasChildren ? !collapsed : undefined}
      data-testid="span-row"
      data-span-id={span.spanId}
      data-depth={node.depth}
      data-critical={props.critical === undefined ? undefined : String(onPath)}
      style={{ transform: `translateY(${props.top}px)` }}
      onClick={() => props.onSelect(node.index)}
    >
      <div className="waterfall-name-cell">
        <span className="waterfall-indent" style={indentStyle(node.depth, props.maxDepth)} />
        {hasChildren ? (
          <button
            type="button"
            className="waterfall-toggle"
            data-testid="span-toggle"
            aria-expanded={!collapsed}
            aria-label={`${collapsed ? "Expand" : "Collapse"} ${descendants} child spans`}
            title={`${collapsed ? "Expand" : "Collapse"} (${descendants} spans below)`}
            tabIndex={-1}
            onClick={(event) => {
              event.stopPropagation();
              props.onToggle(node.index);
            }}
          >
            <span className={`waterfall-chevron${collapsed ? " is-collapsed" : ""}`} aria-hidden="true" />
            {collapsed && <span className="waterfall-hidden-count">{descendants}</span>}
          </button>
        ) : (
          <span className="waterfall-toggle-spacer" />
        )}
        <span className="waterfall-service-chip" style={{ background: color }} />
        <span className="waterfall-service">{span.service}</span>
        <span className="waterfall-operation" title={span.name}>
          {span.name}
        </span>
        {node.isError && (
          <span className="waterfall-error-mark" role="img" aria-label="error" title={span.status.message ?? "Error status"}>
            !
          </span>
        )}
        {node.isOrphan && (
          <span className="waterfall-orphan-mark" title={`Parent span ${span.parentSpanId ?? ""} is not in this trace`}>
            orphan
          </span>
        )}
      </div>
      <SpanBar {...props} />
    </div>
  );
});

function SpanBar({ node, color, zoom, traceStartNs, logs, critical }: SpanRowProps) {
  const bar = barGeometry(node.startOffsetNs, node.durationNs, zoom);
  // The duration label goes after the bar when there is room, else before it, else inside its end.
  const placement = bar.left + bar.width < 75 ? "after" : bar.left > 12 ? "before" : "inside";
  const label: CSSProperties =
    placement === "after"
      ? { left: `calc(${bar.left + bar.width}% + 6px)` }
      : placement === "before"
        ? { right: `calc(${100 - bar.left}% + 6px)` }
        : { right: `calc(${100 - bar.left - bar.width}% + 6px)` };
  const windowNs = zoom.end - zoom.start;
  const markerAt = (timeUnixNano: string) => ((Number(BigInt(timeUnixNano) - traceStartNs) - zoom.start) / windowNs) * 100;
  return (
    <div className="waterfall-timeline-cell">
      {!bar.outside && (
        <span
          className={`waterfall-bar${node.isError ? " is-error" : ""}${bar.clippedStart ? " clipped-start" : ""}${bar.clippedEnd ? " clipped-end" : ""}`}
          style={{ left: `${bar.left}%`, width: `${bar.width}%`, backgroundColor: color }}
        />
      )}
      {critical !== undefined &&
        criticalBarSegments(critical, zoom.start, zoom.end).map((segment, i) => (
          <span key={`c${i}`} className="waterfall-critical" data-testid="critical-segment" style={{ left: `${segment.left}%`, width: `${segment.width}%`, backgroundColor: color }} />
        ))}
      {node.span.events.map((event, i) => (
        <Marker key={`e${i}`} percent={markerAt(event.timeUnixNano)} kind="event" title={event.name} />
      ))}
      {logs?.map((log, i) => (
        <Marker key={`l${i}`} percent={markerAt(logTime(log))} kind="log" title="log record" />
      ))}
      {bar.outside ? (
        <OutsideLabel before={node.startOffsetNs < zoom.start} duration={formatDuration(node.durationNs)} />
      ) : (
        <span className={`waterfall-bar-label is-${placement}`} style={label}>
          {formatDuration(node.durationNs)}
        </span>
      )}
    </div>
  );
}

/** A span outside the zoom window: its duration at the edge it lies beyond, with an arrow. */
function OutsideLabel({ before, duration }: { before: boolean; duration: string }) {
  return (
    <span className="waterfall-bar-label is-outside" style={before ? { left: 0 } : { right: 0 }} title="Outside the zoomed window">
      {before ? `◂ ${duration}` : `${duration} ▸`}
    </span>
  );
}

function Marker({ percent, kind, title }: { percent: number; kind: "event" | "log"; title: string }) {
  if (percent < 0 || percent > 100) return null;
  return <span className={`waterfall-marker is-${kind}`} style={{ left: `${percent}%` }} title={title} />;
}
