import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { formatDuration } from "../../../format/format-duration.js";
import { serviceColor } from "../../../format/service-color.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import { segmentsInBox, type CriticalPathLookup } from "../critical-path/critical-path-lookup.js";
import { FlameBreadcrumb } from "./flame-breadcrumb.js";
import { timeTicks } from "../../../trace/time-ticks.js";
import { layoutFlame, type FlameRect } from "./flame-layout.js";
import { flameRows } from "./flame-rows.js";
import { scrollRowAfterZoom } from "./flame-zoom.js";
import "./flame-graph.css";

const ROW_PX = 22;
/** Rows drawn above and below the visible ones, so scrolling does not show blank rows. */
const OVERSCAN_ROWS = 8;
/** jsdom (tests) measures 0: lay out at a plausible size instead. */
const FALLBACK = { width: 1000, height: 600 };
/** Rows of context kept above the span brought back into view after zooming out. */
const CONTEXT_ROWS = 2;

/**
 * The Flame graph tab: an icicle of the trace (root on top, x = time, width = duration). Clicking
 * a span selects it (onSelect) and zooms into its subtree; the breadcrumb zooms back out. Only
 * spans ≥ 1 px wide and rows near the viewport become DOM nodes, so 100k-span traces stay fluid.
 * Zooming in scrolls to the top (the zoomed span's row); zooming out scrolls to the row of the span
 * that was zoomed. While the tab is hidden (0 × 0) the last size is kept.
 */
export function FlameGraph({
  model,
  selectedIndex,
  onSelect,
  critical,
}: {
  model: TraceModel;
  selectedIndex: number | undefined;
  onSelect: (index: number) => void;
  /** The critical path to highlight (nodes on it marked, their segments drawn inside them); undefined when off. */
  critical?: CriticalPathLookup;
}) {
  const [zoomState, setZoomState] = useState<{ model: TraceModel; index: number | undefined }>({ model, index: undefined });
  const zoom = zoomState.model === model ? zoomState.index : undefined;
  const body = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState(FALLBACK);
  const [scrollTop, setScrollTop] = useState(0);
  // The scroll offset to apply once the new zoom level is committed (set with the zoom).
  const pendingScroll = useRef<number | undefined>(undefined);
  const setZoom = (index: number | undefined) => {
    if (index === zoom) return;
    const row = scrollRowAfterZoom(model, flameRows(model), zoom, index);
    pendingScroll.current = Math.max(0, row - CONTEXT_ROWS) * ROW_PX;
    setZoomState({ model, index });
  };

  useLayoutEffect(() => {
    const element = body.current;
    if (!element) return;
    let measured = false;
    const measure = () => {
      // A hidden tab measures 0 × 0: keep the last size rather than re-laying out for nothing.
      if (measured && element.clientWidth === 0 && element.clientHeight === 0) return;
      measured = true;
      setSize({ width: element.clientWidth || FALLBACK.width, height: element.clientHeight || FALLBACK.height });
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = body.current;
    const target = pendingScroll.current;
    if (!element || target === undefined) return;
    pendingScroll.current = undefined;
    element.scrollTop = target;
    setScrollTop(element.scrollTop);
  }, [zoom]);

  const layout = useMemo(() => layoutFlame(model, zoom, size.width), [model, zoom, size.width]);
  const firstRow = Math.floor(scrollTop / ROW_PX) - OVERSCAN_ROWS;
  const lastRow = Math.ceil((scrollTop + size.height) / ROW_PX) + OVERSCAN_ROWS;
  const visible = layout.rects.filter((rect) => rect.row >= firstRow && rect.row <= lastRow);
  const ticks = timeTicks({ start: 0, end: layout.windowNs }, Math.max(1, Math.floor(size.width / 110))).map((tick) => tick.offsetNs);

  const choose = (index: number) => {
    onSelect(index);
    setZoom(index);
  };

  return (
    <div className={`flame-graph${critical ? " is-critical-mode" : ""}`} data-testid="flame-graph">
      <div className="flame-graph-toolbar">
        <FlameBreadcrumb model={model} zoomIndex={zoom} onZoom={setZoom} />
        <span className="muted flame-graph-summary">
          {formatDuration(layout.windowNs)} shown
          {layout.hiddenCount > 0 ? ` · ${layout.hiddenCount.toLocaleString("en-US")} spans too small to draw (grey): click a span to zoom in` : " · click a span to zoom in"}
        </span>
      </div>
      <div className="flame-graph-axis">
        {ticks.map((tick) => (
          <span
            key={tick}
            className={`flame-graph-tick${(tick / layout.windowNs) * size.width > size.width - 60 ? " flame-graph-tick-end" : ""}`}
            style={{ left: (tick / layout.windowNs) * size.width }}
          >
            {tick === 0 ? "0" : formatDuration(tick)}
          </span>
        ))}
      </div>
      <div className="flame-graph-body" ref={body} onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}>
        <div className="flame-graph-canvas" style={{ height: layout.rowCount * ROW_PX }}>
          {ticks.map((tick) => (
            <span key={tick} className="flame-graph-gridline" style={{ left: (tick / layout.windowNs) * size.width }} />
          ))}
          {layout.aggregates
            .filter((mark) => mark.row >= firstRow && mark.row <= lastRow)
            .map((mark) => (
              <span
                key={`a${mark.row}:${mark.x}`}
                className="flame-aggregate"
                title={`${mark.count} span${mark.count === 1 ? "" : "s"} too small to draw here; click a wider parent to zoom in`}
                style={{ left: mark.x, width: mark.width, top: mark.row * ROW_PX }}
              />
            ))}
          {visible.map((rect) => (
            <FlameNode key={rect.index} model={model} rect={rect} selected={rect.index === selectedIndex} onChoose={choose} critical={critical?.segmentsOf(rect.index)} />
          ))}
        </div>
      </div>
    </div>
  );
}

function FlameNode(props: { model: TraceModel; rect: FlameRect; selected: boolean; onChoose: (index: number) => void; critical: readonly number[] | undefined }) {
  const { model, rect, selected, onChoose, critical } = props;
  const node = model.nodes[rect.index]!;
  const color = serviceColor(node.span.service);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onChoose(rect.index);
    }
  };
  return (
    <div
      className={`flame-node${node.isError ? " flame-node-error" : ""}${selected ? " flame-node-selected" : ""}${critical ? " flame-node-critical" : ""}`}
      data-testid="flame-node"
      data-span-id={node.span.spanId}
      data-critical={critical === undefined ? undefined : "true"}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      title={`${node.span.name}\n${node.span.service} · ${formatDuration(node.durationNs)} (self ${formatDuration(node.selfTimeNs)})${node.isError ? " · error" : ""}`}
      style={{ left: rect.x, width: rect.width, top: rect.row * ROW_PX, background: `color-mix(in srgb, ${color} 38%, white)`, borderLeftColor: color }}
      onClick={() => onChoose(rect.index)}
      onKeyDown={onKeyDown}
    >
      {critical &&
        segmentsInBox(critical, node.startOffsetNs, node.durationNs).map((segment, i) => (
          <span key={i} className="flame-critical" style={{ left: `${segment.left}%`, width: `${segment.width}%`, background: color }} />
        ))}
      {rect.width >= 24 && (
        <>
          <span className="flame-node-name">{node.span.name}</span>
          {rect.width >= 160 && <span className="flame-node-duration">{formatDuration(node.durationNs)}</span>}
        </>
      )}
    </div>
  );
}
