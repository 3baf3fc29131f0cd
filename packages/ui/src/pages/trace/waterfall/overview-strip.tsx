import { useEffect, useRef, useState, type PointerEvent } from "react";
import type { TraceModel } from "../../../trace/trace-model.js";
import { drawOverview } from "./overview-draw.js";
import { fullWindow, windowFractions, windowFromPixels, type ZoomWindow } from "./zoom-window.js";

const HEIGHT_PX = 40;
/** A drag shorter than this is a click, not a zoom. */
const MIN_DRAG_PX = 4;

/**
 * The whole trace in miniature (canvas). Dragging across it selects the window the waterfall
 * zooms to; double-click returns to the whole trace. The part outside the window is shaded.
 */
export function OverviewStrip({ model, zoom, onZoom }: { model: TraceModel; zoom: ZoomWindow; onZoom: (zoom: ZoomWindow) => void }) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | undefined>(undefined);

  useEffect(() => {
    const box = boxRef.current;
    if (!box || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    setWidth(box.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const ratio = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(HEIGHT_PX * ratio);
    const context = canvas.getContext("2d");
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    drawOverview(context, model, width, HEIGHT_PX);
  }, [model, width]);

  const xOf = (event: PointerEvent<HTMLDivElement>) => event.clientX - event.currentTarget.getBoundingClientRect().left;
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const x = xOf(event);
    setDrag({ x0: x, x1: x });
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag) setDrag({ x0: drag.x0, x1: xOf(event) });
  };
  const onPointerUp = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag) return;
    const x1 = xOf(event);
    setDrag(undefined);
    const boxWidth = event.currentTarget.clientWidth;
    if (Math.abs(x1 - drag.x0) >= MIN_DRAG_PX) onZoom(windowFromPixels(drag.x0, x1, boxWidth, model.durationNs));
  };

  const shown = windowFractions(zoom, model.durationNs);
  return (
    <div
      ref={boxRef}
      className="overview-strip"
      data-testid="overview-strip"
      title="Drag to zoom the waterfall; double-click to see the whole trace"
      style={{ height: HEIGHT_PX }}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(undefined)}
      onDoubleClick={() => onZoom(fullWindow(model.durationNs))}
    >
      <canvas ref={canvasRef} className="overview-canvas" style={{ width: "100%", height: HEIGHT_PX }} />
      <span className="overview-shade" style={{ left: 0, width: `${shown.left * 100}%` }} />
      <span className="overview-shade" style={{ left: `${shown.right * 100}%`, right: 0 }} />
      <span className="overview-window" style={{ left: `${shown.left * 100}%`, width: `${(shown.right - shown.left) * 100}%` }} />
      {drag && (
        <span className="overview-drag" style={{ left: Math.min(drag.x0, drag.x1), width: Math.abs(drag.x1 - drag.x0) }} />
      )}
    </div>
  );
}
