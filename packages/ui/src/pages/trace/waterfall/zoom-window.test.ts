import { describe, expect, it } from "vitest";
import { barGeometry, fullWindow, isFullWindow, windowFractions, windowFromPixels } from "./zoom-window.js";

describe("windowFromPixels", () => {
  it("maps a drag over the strip to the same fraction of the trace, in either direction", () => {
    expect(windowFromPixels(100, 300, 1000, 50_000)).toEqual({ start: 5_000, end: 15_000 });
    expect(windowFromPixels(300, 100, 1000, 50_000)).toEqual({ start: 5_000, end: 15_000 });
  });

  it("clamps a drag that leaves the strip", () => {
    expect(windowFromPixels(-50, 2000, 1000, 10_000)).toEqual({ start: 0, end: 10_000 });
  });

  it("never returns an empty window", () => {
    const window = windowFromPixels(1000, 1000, 1000, 10);
    expect(window.end - window.start).toBeGreaterThan(0);
    expect(window.end).toBeLessThanOrEqual(10);
  });
});

describe("fullWindow", () => {
  it("gives a zero-length trace a window to divide by", () => {
    expect(fullWindow(0)).toEqual({ start: 0, end: 1 });
    expect(isFullWindow(fullWindow(0), 0)).toBe(true);
    expect(isFullWindow({ start: 10, end: 100 }, 100)).toBe(false);
  });

  it("places a window on the strip as fractions", () => {
    expect(windowFractions({ start: 250, end: 500 }, 1000)).toEqual({ left: 0.25, right: 0.5 });
  });
});

describe("barGeometry", () => {
  const window = { start: 100, end: 200 };

  it("positions a span as percentages of the window", () => {
    expect(barGeometry(125, 50, window)).toEqual({ left: 25, width: 50, clippedStart: false, clippedEnd: false, outside: false });
  });

  it("clips a span that crosses the window's edges", () => {
    expect(barGeometry(50, 100, window)).toMatchObject({ left: 0, width: 50, clippedStart: true, clippedEnd: false });
    expect(barGeometry(150, 500, window)).toMatchObject({ left: 50, width: 50, clippedEnd: true });
  });

  it("marks spans wholly outside the window", () => {
    expect(barGeometry(0, 50, window).outside).toBe(true);
    expect(barGeometry(250, 10, window).outside).toBe(true);
  });
});
