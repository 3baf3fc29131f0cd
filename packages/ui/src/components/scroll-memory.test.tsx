// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { useState } from "react";
import { MemoryRouter, Route, Routes, useNavigate, type NavigateFunction } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useRestoreScroll, useScrollMemory } from "./scroll-memory.js";

let scrollTo: ReturnType<typeof vi.fn>;

beforeEach(() => {
  scrollTo = vi.fn((_x: number, y: number) => setScrollY(y));
  vi.stubGlobal("scrollTo", scrollTo);
  setScrollY(0);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setScrollY(y: number): void {
  Object.defineProperty(window, "scrollY", { value: y, configurable: true });
}

/** The person scrolls the window to `y`. */
function userScrollsTo(y: number): void {
  setScrollY(y);
  act(() => void window.dispatchEvent(new Event("scroll")));
}

/** A page whose content arrives later: ready once `release` is called. */
const pending: { release?: () => void } = {};
function SlowPage() {
  const [ready, setReady] = useState(false);
  pending.release = () => act(() => setReady(true));
  useRestoreScroll(ready);
  return <div data-testid={ready ? "rows" : "loading"} />;
}

function renderApp() {
  const router: { navigate?: NavigateFunction } = {};
  function Shell() {
    useScrollMemory();
    router.navigate = useNavigate();
    return (
      <Routes>
        <Route path="/list" element={<SlowPage />} />
        <Route path="/detail" element={<div data-testid="detail" />} />
      </Routes>
    );
  }
  render(
    <MemoryRouter initialEntries={[{ pathname: "/list", key: `scroll-${Math.random()}` }]}>
      <Shell />
    </MemoryRouter>,
  );
  pending.release!();
  return router;
}

describe("scroll memory", () => {
  it("scrolls to the top for a new entry and back to the old place on Back, once the rows are in", () => {
    const router = renderApp();
    userScrollsTo(1234);
    act(() => void router.navigate!("/detail"));
    expect(scrollTo).toHaveBeenLastCalledWith(0, 0);
    scrollTo.mockClear();

    act(() => void router.navigate!(-1));
    expect(screen.getByTestId("loading")).toBeTruthy();
    expect(scrollTo).not.toHaveBeenCalled();
    pending.release!();
    expect(scrollTo).toHaveBeenCalledWith(0, 1234);
  });

  it("does not let the clamped scroll of a short, loading page overwrite the position to restore", () => {
    const router = renderApp();
    userScrollsTo(1234);
    act(() => void router.navigate!("/detail"));
    act(() => void router.navigate!(-1));
    // "Loading…" is short: the browser clamps the window to the top and fires a scroll event.
    userScrollsTo(0);
    scrollTo.mockClear();
    pending.release!();
    expect(scrollTo).toHaveBeenCalledWith(0, 1234);
    // After the restore, scrolling is recorded again.
    userScrollsTo(40);
    act(() => void router.navigate!("/detail"));
    act(() => void router.navigate!(-1));
    pending.release!();
    expect(scrollTo).toHaveBeenLastCalledWith(0, 40);
  });

  it("does not scroll on a replace (the search page keeps its rows while the same query runs again)", () => {
    const router = renderApp();
    userScrollsTo(500);
    scrollTo.mockClear();
    act(() => void router.navigate!("/list", { replace: true }));
    pending.release!();
    expect(scrollTo).not.toHaveBeenCalled();
  });

  it("remembers each entry separately", () => {
    const router = renderApp();
    userScrollsTo(300);
    act(() => void router.navigate!("/list?page=2"));
    pending.release!();
    userScrollsTo(900);
    act(() => void router.navigate!("/detail"));
    act(() => void router.navigate!(-1));
    pending.release!();
    expect(scrollTo).toHaveBeenLastCalledWith(0, 900);
    act(() => void router.navigate!(-1));
    pending.release!();
    expect(scrollTo).toHaveBeenLastCalledWith(0, 300);
  });
});
