import type { Virtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { TraceModel } from "../../../trace/trace-model.js";
import { expandAncestors, type WaterfallRows } from "./waterfall-rows.js";

/**
 * Brings a newly selected span into view: expands its collapsed ancestors first (which recomputes
 * the rows and re-runs this effect), then scrolls to its row, centred for the first selection (a
 * `?span=` link) and minimally afterwards. A span the user hides later by collapsing an ancestor
 * stays hidden: only a change of selection reveals. While `active` is false (the tab is hidden)
 * nothing happens; a selection made meanwhile is revealed when the waterfall is shown again.
 */
export function useRevealSelection(
  model: TraceModel,
  rows: WaterfallRows,
  collapsed: Uint8Array,
  selectedIndex: number | undefined,
  setCollapsed: (collapsed: Uint8Array) => void,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  active: boolean,
): void {
  // null until the first reveal; then the last span revealed (undefined after a deselect).
  const revealed = useRef<number | undefined | null>(null);
  useEffect(() => {
    if (!active) return;
    if (selectedIndex === undefined) {
      if (revealed.current !== null) revealed.current = undefined;
      return;
    }
    if (revealed.current === selectedIndex) return;
    const row = rows.rowOfSpan[selectedIndex];
    if (row === undefined) return;
    if (row < 0) {
      setCollapsed(expandAncestors(model, collapsed, selectedIndex));
      return;
    }
    const first = revealed.current === null;
    revealed.current = selectedIndex;
    virtualizer.scrollToIndex(row, { align: first ? "center" : "auto" });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the selection or the rows change, by design
  }, [selectedIndex, rows, active]);
}
