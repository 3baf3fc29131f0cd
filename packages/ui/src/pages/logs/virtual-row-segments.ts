/** The part of a virtual item the table's layout needs (start/end in px from the document top). */
export interface PlacedRow {
  index: number;
  start: number;
  end: number;
}

/** What the table body renders, top to bottom: a rendered row, or empty space standing in for rows that are not. */
export type RowSegment = { kind: "row"; index: number } | { kind: "gap"; height: number; before: number };

/**
 * Interleaves the rendered rows with spacers so the table is as tall as all its rows and each
 * rendered row sits where the virtualizer placed it. Rows are laid out by the table itself (no
 * absolute positioning, so columns stay aligned and a row's props never change when a row above
 * grows); the spacers carry the height of everything in between: above the first rendered row,
 * between two non-adjacent ones (the focused row kept on screen far from the visible range), and
 * below the last. `rows` are in index order with starts that include `scrollMargin` (the
 * virtualizer's convention); `totalSize` is the height of all rows, from the list start.
 * `before` is the index of the row after the gap (`-1` for the bottom one), a stable React key.
 */
export function virtualRowSegments(rows: readonly PlacedRow[], totalSize: number, scrollMargin: number): RowSegment[] {
  const segments: RowSegment[] = [];
  let end = scrollMargin;
  for (const row of rows) {
    if (row.start > end) segments.push({ kind: "gap", height: row.start - end, before: row.index });
    segments.push({ kind: "row", index: row.index });
    end = row.end;
  }
  const bottom = scrollMargin + totalSize - end;
  if (bottom > 0) segments.push({ kind: "gap", height: bottom, before: -1 });
  return segments;
}

/**
 * The virtualizer's index range plus the row holding keyboard focus (when it has scrolled out of
 * the range), in index order: unmounting the focused element would drop focus to the document.
 */
export function withFocusedRow(indexes: number[], focused: number | null, count: number): number[] {
  if (focused === null || focused < 0 || focused >= count || indexes.includes(focused)) return indexes;
  return [...indexes, focused].sort((a, b) => a - b);
}
