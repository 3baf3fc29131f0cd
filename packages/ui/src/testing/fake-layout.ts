import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach, vi } from "vitest";

/**
 * For component tests of virtualized views. jsdom has no layout, so every element is given a
 * 1000 × 600 px client box before each test, which is enough for the virtualizers to render rows.
 * After each test the DOM is unmounted and every mock and stubbed global is restored.
 * Call it at the top level of a test file.
 */
export function useFakeLayout(): void {
  beforeEach(() => {
    vi.spyOn(Element.prototype, "clientHeight", "get").mockReturnValue(600);
    vi.spyOn(Element.prototype, "clientWidth", "get").mockReturnValue(1000);
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });
}
