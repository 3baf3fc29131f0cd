import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from "react";
import type { TraceLogs } from "../../../trace/trace-logs.js";
import type { TraceModel } from "../../../trace/trace-model.js";
import type { CriticalPathLookup } from "../critical-path/critical-path-lookup.js";
import { findSpans, matchPosition, spanHaystacks, stepMatch } from "./find-spans.js";
import { WaterfallToolbar } from "./waterfall-toolbar.js";
import { SpanLogRow } from "./span-log-row.js";
import { SpanRow } from "./span-row.js";
import { TickLines } from "./time-axis.js";
import { useRevealSelection } from "./use-reveal-selection.js";
import { keyAction } from "./waterfall-keys.js";
import { collapseFromDepth, computeRows, spanRowId, treeFacts } from "./waterfall-rows.js";
import { fullWindow, type ZoomWindow } from "./zoom-window.js";
import "./waterfall.css";

/** Row height in px; must equal --row-height in styles.css (fixed heights keep virtualization O(1)). */
export const ROW_HEIGHT = 26;

/** Performance mark set once per loaded trace, in the frame after its first rows are on screen (`ui` benchmark). */
export const TRACE_RENDERED_MARK = "skein:trace-rendered";
const markedModels = new WeakSet<TraceModel>();
/** A row off the critical path while it is shown (one shared array: memoized rows stay equal). */
const NOT_ON_PATH: readonly number[] = [];

export interface WaterfallProps {
  readonly model: TraceModel;
  readonly logs: TraceLogs;
  /** The selected node index (the page keeps it in `?span=`); changing it expands ancestors and scrolls to it. */
  readonly selectedIndex: number | undefined;
  readonly onSelect: (index: number) => void;
  /**
   * False while the waterfall's tab is hidden: the page keeps it mounted (collapse, zoom, find and
   * scroll survive tab switches) and it reveals a selection made meanwhile when shown again.
   */
  readonly active?: boolean;
  /**
   * The critical path to highlight (the page's "Critical path" switch), or undefined when off:
   * bars are dimmed and the path's segments drawn over them, each row looking its part up in O(1).
   */
  readonly critical?: CriticalPathLookup;
}

/**
 * The trace as a collapsible span tree with a bar per span on a shared time axis, virtualized:
 * only the rows in view (plus overscan) exist in the DOM, so a 100k-span trace renders as fast as
 * a small one. Owns collapse state, zoom window, find query, column width and inline-log switch
 * (the page keeps the waterfall mounted across tab switches, so they persist).
 */
export function Waterfall({ model, logs, selectedIndex, onSelect, active = true, critical }: WaterfallProps) {
  const facts = useMemo(() => treeFacts(model, logs), [model, logs]);
  const [collapsed, setCollapsed] = useState<Uint8Array>(() => new Uint8Array(model.nodes.length));
  const [showLogs, setShowLogs] = useState(true);
  const rows = useMemo(() => computeRows(facts, collapsed, showLogs), [facts, collapsed, showLogs]);
  const [zoom, setZoom] = useState<ZoomWindow>(() => fullWindow(model.durationNs));
  const [nameWidth, setNameWidth] = useState(40);
  const [query, setQuery] = useState("");
  const deferredQuery = useDeferredValue(query);
  const matches = useMemo(() => findSpans(model, deferredQuery), [model, deferredQuery]);
  const matchSet = useMemo(() => {
    const set = new Uint8Array(model.nodes.length);
    for (const index of matches) set[index] = 1;
    return set;
  }, [model, matches]);
  const colors = useMemo(() => new Map(model.services.map((service) => [service.name, service.color])), [model]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
    initialRect: { width: 0, height: typeof innerHeight === "number" ? innerHeight : 800 },
  });

  // Rows are memoized: the callbacks they get must keep their identity across renders.
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const select = useCallback((index: number) => onSelectRef.current(index), []);
  const toggle = useCallback((index: number) => {
    setCollapsed((previous) => {
      const next = previous.slice();
      next[index] = previous[index] ? 0 : 1;
      return next;
    });
  }, []);

  useRevealSelection(model, rows, collapsed, selectedIndex, setCollapsed, virtualizer, active);

  const items = virtualizer.getVirtualItems();
  // The selected row, when it is rendered, is the tree's active descendant (focus stays on the tree).
  const selectedRow = selectedIndex === undefined ? -1 : (rows.rowOfSpan[selectedIndex] ?? -1);
  const activeDescendant = selectedRow >= 0 && items.some((item) => item.index === selectedRow) ? spanRowId(model, selectedIndex!) : undefined;
  const hasRows = items.length > 0;
  useEffect(() => {
    if (!hasRows || markedModels.has(model)) return;
    markedModels.add(model);
    requestAnimationFrame(() => {
      if (typeof performance.mark === "function") performance.mark(TRACE_RENDERED_MARK);
    });
  }, [hasRows, model]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const action = keyAction(event.key, model, rows, collapsed, selectedIndex);
    if (!action) return;
    event.preventDefault();
    if (action.toggle !== undefined) toggle(action.toggle);
    if (action.select !== undefined && action.select !== selectedIndex) select(action.select);
  };
  const step = (direction: 1 | -1) => {
    const target = stepMatch(matches, selectedIndex, direction);
    if (target !== undefined) select(target);
  };

  return (
    <div className={`waterfall-root${critical ? " is-critical-mode" : ""}`} style={{ "--wf-name-width": `${nameWidth}%` } as CSSProperties}>
      <WaterfallToolbar
        model={model}
        zoom={zoom}
        onZoom={setZoom}
        find={{ query, onQueryChange: setQuery, position: matchPosition(matches, selectedIndex), total: matches.length, onStep: step, onFocus: () => spanHaystacks(model) }}
        logCount={logs.all.length}
        showLogs={showLogs}
        onShowLogs={setShowLogs}
        onCollapseAll={() => setCollapsed(collapseFromDepth(model, 1))}
        onExpandAll={() => setCollapsed(new Uint8Array(model.nodes.length))}
        nameWidth={nameWidth}
        onResizeName={setNameWidth}
      />
      <div className="waterfall-scroll" data-testid="waterfall" ref={scrollRef} role="tree" aria-label="Spans" aria-activedescendant={activeDescendant} tabIndex={0} onKeyDown={onKeyDown}>
        <div className="waterfall-canvas" style={{ height: virtualizer.getTotalSize() }}>
          <TickLines zoom={zoom} />
          {items.map((item) => {
            const spanIndex = rows.spanOf[item.index]!;
            const logIndex = rows.logOf[item.index]!;
            const node = model.nodes[spanIndex]!;
            const spanLogs = logs.bySpanId.get(node.span.spanId);
            const color = colors.get(node.span.service) ?? "#888";
            if (logIndex >= 0) {
              return (
                <SpanLogRow
                  key={`l${spanIndex}.${logIndex}`}
                  log={spanLogs![logIndex]!}
                  spanIndex={spanIndex}
                  spanId={node.span.spanId}
                  depth={node.depth}
                  maxDepth={model.maxDepth}
                  top={item.start}
                  color={color}
                  traceStartNs={model.startNs}
                  selected={spanIndex === selectedIndex}
                  onSelect={select}
                />
              );
            }
            return (
              <SpanRow
                key={`s${spanIndex}`}
                node={node}
                rowId={spanRowId(model, spanIndex)}
                top={item.start}
                color={color}
                selected={spanIndex === selectedIndex}
                matched={matchSet[spanIndex] === 1}
                collapsed={collapsed[spanIndex] === 1}
                descendants={facts.subtreeSize[spanIndex]! - 1}
                zoom={zoom}
                maxDepth={model.maxDepth}
                traceStartNs={model.startNs}
                logs={spanLogs}
                critical={critical === undefined ? undefined : (critical.segmentsOf(spanIndex) ?? NOT_ON_PATH)}
                onSelect={select}
                onToggle={toggle}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
