import { useEffect, useLayoutEffect, useRef } from "react";
import { useLocation, useNavigationType, type Location } from "react-router";
import { LruCache } from "../api/lru-cache.js";

/**
 * Window scroll positions per history entry, so Back/Forward return to where a page was left.
 * The browser cannot do it for us: a page's rows arrive after the URL changes, so its own
 * restoration ("auto") lands on a short page. Kept for the tab's session (sessionStorage, written
 * when the page is hidden) so a reload returns to the same place too. Bounded to 50 entries.
 */
const STORAGE_KEY = "skein:scroll-positions";
const positions = new LruCache<number>(50);
let loaded = false;
/** False until the app navigated once: only its very first entry can be a fresh visit (see below). */
let navigatedSinceLoad = false;
/**
 * The position a Back/Forward (or reload) is about to restore, read when the entry was entered and
 * before its rows arrived. Until the restore ran, scroll events of that entry are not recorded:
 * while the page is short ("Searching…") the browser clamps scrollY, and recording that would
 * overwrite the position to restore with 0.
 */
let pendingRestore: { key: string; y: number } | null = null;

/** The memory key of an entry: its location.key plus its URL (the first entry of every load is "default"). */
export function entryKey(location: Pick<Location, "key" | "pathname" | "search">): string {
  return `${location.key} ${location.pathname}${location.search}`;
}

/**
 * Mounted once (AppShell): takes scroll restoration over from the browser, records `scrollY` for the
 * current entry on every scroll, and scrolls to the top when a link opens a new entry (PUSH). A
 * REPLACE (re-running the same search) does not scroll: the position holds as long as the page
 * keeps its height meanwhile (the search and logs pages keep the old rows, dimmed, while the same
 * query runs again). A POP is restored by the page (useRestoreScroll) once its rows are on screen.
 */
export function useScrollMemory(): void {
  const location = useLocation();
  const navigationType = useNavigationType();
  const current = useRef(entryKey(location));
  useLayoutEffect(() => {
    if (current.current !== entryKey(location)) navigatedSinceLoad = true;
    current.current = entryKey(location);
    if (pendingRestore !== null && pendingRestore.key !== current.current) pendingRestore = null;
    if (navigationType === "PUSH") window.scrollTo(0, 0);
  }, [location, navigationType]);
  useEffect(() => {
    if ("scrollRestoration" in window.history) window.history.scrollRestoration = "manual";
    loadPositions();
    const onScroll = () => {
      if (pendingRestore?.key !== current.current) positions.set(current.current, window.scrollY);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    window.addEventListener("pagehide", savePositions);
    return () => {
      window.removeEventListener("scroll", onScroll);
      window.removeEventListener("pagehide", savePositions);
    };
  }, []);
}

/**
 * In a page: after Back/Forward (or a reload) to this entry, scrolls to where it was left as soon
 * as `ready` says the page's own content is rendered (before paint), once per visit. `ready` must
 * be false while the page shows anything else (loading, or another entry's answer).
 */
export function useRestoreScroll(ready: boolean): void {
  const location = useLocation();
  const navigationType = useNavigationType();
  const visited = useRef<string | null>(null);
  const key = entryKey(location);
  useLayoutEffect(() => {
    // Entering an entry: a POP holds its saved position (and stops recording it) until `ready`.
    if (visited.current === key) return;
    visited.current = key;
    pendingRestore = null;
    if (navigationType !== "POP") return;
    // The page as first loaded is a POP too: restore it only when the document itself was reloaded
    // or reached by Back/Forward, not for a fresh visit by link or address bar.
    if (!navigatedSinceLoad && !documentWasRevisited()) return;
    loadPositions();
    const y = positions.get(key);
    if (y !== undefined && y > 0) pendingRestore = { key, y };
  }, [key, navigationType]);
  useLayoutEffect(() => {
    if (!ready || pendingRestore?.key !== key) return;
    const { y } = pendingRestore;
    pendingRestore = null;
    window.scrollTo(0, y);
  }, [ready, key]);
}

/** True when this document was loaded by a reload or by Back/Forward (not by a link or the address bar). */
function documentWasRevisited(): boolean {
  const [navigation] = typeof performance.getEntriesByType === "function" ? performance.getEntriesByType("navigation") : [];
  const type = (navigation as PerformanceNavigationTiming | undefined)?.type;
  return type === "reload" || type === "back_forward";
}

/** Merges the positions saved before a reload into memory; runs once per page load. */
function loadPositions(): void {
  if (loaded) return;
  loaded = true;
  try {
    const saved: unknown = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? "[]");
    if (!Array.isArray(saved)) return;
    for (const entry of saved) {
      if (Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "number" && !positions.has(entry[0])) positions.set(entry[0], entry[1]);
    }
  } catch {
    // Storage disabled or a foreign value: start with an empty memory.
  }
}

function savePositions(): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(positions.entries()));
  } catch {
    // Storage full or disabled: positions survive Back/Forward, not a reload.
  }
}
