import { defaultRangeExtractor, measureElement as measuredSize, useWindowVirtualizer, type Range, type VirtualItem, type Virtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type RefObject } from "react";
import { LruCache } from "../../api/lru-cache.js";
import { withFocusedRow } from "./virtual-row-segments.js";

/**
 * Height of a collapsed row in px: `--row-height` (its bottom border inside). Rows are measured as
 * they render (an expanded one is far taller); the estimate only places rows never rendered.
 */
export const LOG_ROW_ESTIMATE_PX = 26;
/** Rows rendered beyond each edge of the viewport: Tab and the arrow keys always find the next row mounted. */
export const LOG_ROWS_OVERSCAN = 10;

/** Measured heights ([row index, px]) of the last few history entries' tables, so Back lands on the same rows. */
const measuredHeights = new LruCache<ReadonlyArray<readonly [number, number]>>(10);

export interface LogsVirtualizer {
  virtualizer: Virtualizer<Window, Element>;
  /** Document y of the first row's top (the table's top plus its header), the virtualizer's scrollMargin. */
  scrollMargin: number;
  /** For the table: keeps the row that holds focus rendered while it is scrolled away. */
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  onBlur: (event: FocusEvent<HTMLElement>) => void;
}

/**
 * The window virtualizer of the logs table: the page scrolls (so the app's per-entry window scroll
 * memory restores it on Back), and only rows near the viewport are in the DOM. Row elements carry
 * `data-index` and register through `virtualizer.measureElement`. Heights measured under
 * `memoryKey` are remembered when the table unmounts and seeded when it mounts again, so the
 * document is as tall as it was (expanded rows included) before the page restores the scroll.
 */
export function useLogsVirtualizer(count: number, tableRef: RefObject<HTMLTableElement | null>, memoryKey: string | undefined): LogsVirtualizer {
  const [layout, setLayout] = useState({ scrollMargin: 0, headerHeight: 0 });
  const focused = useRef<number | null>(null);
  const [initialMeasurementsCache] = useState(() => seededMeasurements(memoryKey));
  const rangeExtractor = useCallback((range: Range) => withFocusedRow(defaultRangeExtractor(range), focused.current, count), [count]);
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => LOG_ROW_ESTIMATE_PX,
    overscan: LOG_ROWS_OVERSCAN,
    scrollMargin: layout.scrollMargin,
    // scrollToIndex keeps a row clear of the sticky header.
    scrollPaddingStart: layout.headerHeight,
    initialMeasurementsCache,
    rangeExtractor,
    // An element without layout (jsdom, a hidden page) measures 0: keep the estimate instead, or
    // every row would seem to fit on one screen.
    measureElement: (element, entry, instance) => measuredSize(element, entry, instance) || LOG_ROW_ESTIMATE_PX,
  });

  // The first row's document offset moves when anything above the table changes height (the form
  // wraps at a narrow width, shows a validation message): re-measured whenever the page resizes.
  useLayoutEffect(() => {
    const table = tableRef.current;
    if (table === null) return;
    const measure = () => {
      const headerHeight = table.tHead?.offsetHeight ?? 0;
      const scrollMargin = table.getBoundingClientRect().top + window.scrollY + headerHeight;
      setLayout((old) => (old.scrollMargin === scrollMargin && old.headerHeight === headerHeight ? old : { scrollMargin, headerHeight }));
    };
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [tableRef]);

  useEffect(
    () => () => {
      if (memoryKey === undefined) return;
      const heights: [number, number][] = [];
      for (const [key, size] of virtualizer.itemSizeCache) if (typeof key === "number") heights.push([key, size]);
      measuredHeights.set(memoryKey, heights);
    },
    [memoryKey, virtualizer],
  );

  const onFocus = useCallback((event: FocusEvent<HTMLElement>) => {
    focused.current = rowIndexOf(event.target);
  }, []);
  const onBlur = useCallback((event: FocusEvent<HTMLElement>) => {
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) focused.current = null;
  }, []);
  return { virtualizer, scrollMargin: layout.scrollMargin, onFocus, onBlur };
}

/** The `data-index` of the row element around `node`, or null outside any row. */
export function rowIndexOf(node: EventTarget | null): number | null {
  const row = node instanceof Element ? node.closest("[data-index]") : null;
  const index = Number(row?.getAttribute("data-index") ?? Number.NaN);
  return Number.isInteger(index) ? index : null;
}

/** The remembered heights as the virtualizer's initialMeasurementsCache (it reads only key and size). */
function seededMeasurements(memoryKey: string | undefined): VirtualItem[] {
  const heights = memoryKey === undefined ? undefined : measuredHeights.get(memoryKey);
  return (heights ?? []).map(([index, size]) => ({ index, key: index, start: 0, size, end: size, lane: 0 }));
}
