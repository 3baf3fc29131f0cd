import { act, screen } from "@testing-library/react";
import { vi } from "vitest";
import { LOG_ROW_ESTIMATE_PX } from "./use-logs-virtualizer.js";

/*
 * Helpers for the virtualized logs table's tests in jsdom, which has no layout and no scrolling:
 * the tests move scrollY themselves and read what the table rendered (rows, spacers).
 */

/** The <tbody> of the record at `index` (rendered rows only). */
export function recordRow(index: number): HTMLElement {
  const row = document.querySelector<HTMLElement>(`[data-index="${index}"]`);
  if (row === null) throw new Error(`row ${index} is not rendered`);
  return row;
}

/** Heights of the spacer rows standing in for rows outside the rendered range, top to bottom. */
export function spacerHeights(): number[] {
  return [...document.querySelectorAll<HTMLElement>(".logs-spacer td")].map((cell) => Number.parseFloat(cell.style.height));
}

/** jsdom has no layout: the page "scrolls" by setting scrollY and announcing it, as a browser would. */
export function scrollWindowTo(y: number) {
  act(() => {
    setScrollY(y);
    window.dispatchEvent(new Event("scroll"));
  });
}

/** Sets scrollY without announcing it (a reset between tests). */
export function setScrollY(y: number) {
  Object.defineProperty(window, "scrollY", { value: y, configurable: true });
}

/** The data-index of every rendered log row, top to bottom. */
export function rowIndexes(): number[] {
  return screen.getAllByTestId("log-row").map((row) => Number(row.closest("[data-index]")!.getAttribute("data-index")));
}

/**
 * A little layout for jsdom: a log's <tbody> is 26 px tall, 300 px when expanded, the table at the
 * document's top (its viewport position moves with the scroll), the document tall enough to scroll
 * anywhere (the virtualizer clamps to it), and the returned
 * function reports every observed element as resized (what a browser's ResizeObserver does when a
 * row expands).
 */
export function fakeLayout(): () => void {
  vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockImplementation(function (this: HTMLElement) {
    if (!this.matches("tbody[data-index]")) return 0;
    return this.querySelector("[data-testid=log-row-details]") === null ? LOG_ROW_ESTIMATE_PX : 300;
  });
  vi.spyOn(HTMLTableElement.prototype, "getBoundingClientRect").mockImplementation(() => new DOMRect(0, -window.scrollY, 1024, 0));
  vi.spyOn(Element.prototype, "scrollHeight", "get").mockImplementation(function (this: Element) {
    return this === document.documentElement ? 1_000_000 : 0;
  });
  const observers = new Set<{ callback: ResizeObserverCallback; targets: Set<Element> }>();
  class FakeResizeObserver {
    private readonly entry: { callback: ResizeObserverCallback; targets: Set<Element> };
    constructor(callback: ResizeObserverCallback) {
      this.entry = { callback, targets: new Set() };
      observers.add(this.entry);
    }
    observe(target: Element) {
      this.entry.targets.add(target);
    }
    unobserve(target: Element) {
      this.entry.targets.delete(target);
    }
    disconnect() {
      observers.delete(this.entry);
    }
  }
  vi.stubGlobal("ResizeObserver", FakeResizeObserver);
  return () =>
    act(() => {
      for (const { callback, targets } of observers) callback([...targets].map((target) => ({ target }) as ResizeObserverEntry), {} as ResizeObserver);
    });
}
