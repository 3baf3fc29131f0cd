import type { Page } from "playwright-core";

/**
 * The page coordinates of a trace's point in the search scatter. The `search-scatter` element
 * carries its uPlot instance (`skeinPlot`) and `data-trace-ids` (ids in point order; column 0 of
 * the plot's data is x, column 1 every trace's y). e2e/ compiles without the DOM lib, so the
 * element is described by the few members used here.
 */
interface PlotElement {
  dataset: { traceIds?: string };
  skeinPlot?: {
    data: (number | null)[][];
    valToPos(value: number, scale: string): number;
    over: { getBoundingClientRect(): { left: number; top: number; width: number; height: number } };
  };
}

export async function scatterPointOf(page: Page, traceId: string): Promise<{ x: number; y: number }> {
  const scatter = page.getByTestId("search-scatter");
  await scatter.scrollIntoViewIfNeeded();
  const point = await scatter.evaluate((node, id) => {
    const el = node as unknown as PlotElement;
    const plot = el.skeinPlot;
    if (!plot) return { error: "search-scatter has no skeinPlot (the uPlot instance)" };
    const ids = (el.dataset.traceIds ?? "").split(",");
    const i = ids.indexOf(id);
    if (i < 0) return { error: `trace ${id} is not in data-trace-ids (${ids.length} ids)` };
    const x = plot.data[0]![i];
    const y = plot.data[1]![i];
    if (x == null || y == null) return { error: `point ${i} has no x/y` };
    const box = plot.over.getBoundingClientRect();
    const px = box.left + plot.valToPos(x, "x");
    const py = box.top + plot.valToPos(y, "y");
    if (px < box.left || px > box.left + box.width || py < box.top || py > box.top + box.height) return { error: `point ${i} at (${px}, ${py}) lies outside the plot ${JSON.stringify(box)}` };
    return { x: px, y: py };
  }, traceId);
  if ("error" in point) throw new Error(`scatter point of ${traceId}: ${point.error}`);
  return point;
}
