/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Functions the `ui` scenario runs INSIDE the page (Playwright serializes them with toString), so
 * each must be self-contained: no imports, no helpers from this module. Every timing starts just
 * before the action and ends once the condition holds and the NEXT frame has painted
 * (requestAnimationFrame → setTimeout 0 runs after that frame's paint), so it covers React's work,
 * style, layout and paint, not only the JavaScript.
 */

export interface ProbeResult {
  ms: number;
  detail: string;
}

/** Scrolls the `waterfall` container to the middle; done when a row not shown before covers its centre. */
export async function scrollToMiddleProbe(): Promise<ProbeResult> {
  const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
  const painted = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const box = document.querySelector<HTMLElement>('[data-testid="waterfall"]');
  if (!box) throw new Error("no [data-testid=waterfall] on the page");
  const rowsNow = (): HTMLElement[] => [...box.querySelectorAll<HTMLElement>('[data-testid="span-row"]')];
  const before = new Set(rowsNow().map((r) => r.dataset.spanId));
  const t0 = performance.now();
  box.scrollTop = (box.scrollHeight - box.clientHeight) / 2;
  for (;;) {
    const rect = box.getBoundingClientRect();
    const y = rect.top + rect.height / 2;
    const row = rowsNow().find((r) => {
      const b = r.getBoundingClientRect();
      return b.top <= y && b.bottom >= y;
    });
    if (row && !before.has(row.dataset.spanId)) {
      await painted();
      return { ms: performance.now() - t0, detail: `row ${row.dataset.spanId} (depth ${row.dataset.depth}) at scrollTop ${Math.round(box.scrollTop)} of ${box.scrollHeight}` };
    }
    if (performance.now() - t0 > 20_000) throw new Error(`no new span-row at the waterfall's centre 20 s after scrolling to ${box.scrollTop}`);
    await frame();
  }
}

/** Clicks (pointer + mouse events) the row at the waterfall's centre; done when it is selected and `span-details` shows. */
export async function selectCentreRowProbe(): Promise<ProbeResult> {
  const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
  const painted = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const box = document.querySelector<HTMLElement>('[data-testid="waterfall"]')!;
  const rect = box.getBoundingClientRect();
  const y = rect.top + rect.height / 2;
  const rows = [...box.querySelectorAll<HTMLElement>('[data-testid="span-row"]')];
  const row = rows.find((r) => r.getBoundingClientRect().top <= y && r.getBoundingClientRect().bottom >= y && r.getAttribute("aria-selected") !== "true");
  if (!row) throw new Error("no unselected span-row at the waterfall's centre");
  const id = row.dataset.spanId!;
  const b = row.getBoundingClientRect();
  const at = { bubbles: true, cancelable: true, composed: true, clientX: b.left + Math.min(200, b.width / 3), clientY: b.top + b.height / 2, button: 0 };
  const t0 = performance.now();
  row.dispatchEvent(new PointerEvent("pointerdown", { ...at, pointerId: 1, isPrimary: true }));
  row.dispatchEvent(new MouseEvent("mousedown", at));
  row.dispatchEvent(new PointerEvent("pointerup", { ...at, pointerId: 1, isPrimary: true }));
  row.dispatchEvent(new MouseEvent("mouseup", at));
  row.dispatchEvent(new MouseEvent("click", at));
  for (;;) {
    const now = box.querySelector(`[data-testid="span-row"][data-span-id="${id}"]`);
    if (now?.getAttribute("aria-selected") === "true" && document.querySelector('[data-testid="span-details"]')) {
      await painted();
      return { ms: performance.now() - t0, detail: `selected ${id}` };
    }
    if (performance.now() - t0 > 20_000) throw new Error(`span-row ${id} was not selected (or no span-details) 20 s after the click`);
    await frame();
  }
}

/** Clicks the first expanded `span-toggle` in view; done when the rows or the list's height changed. */
export async function collapseProbe(): Promise<ProbeResult> {
  const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => r()));
  const painted = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const box = document.querySelector<HTMLElement>('[data-testid="waterfall"]')!;
  const rect = box.getBoundingClientRect();
  const signature = (): string => `${box.scrollHeight}|${[...box.querySelectorAll<HTMLElement>('[data-testid="span-row"]')].map((r) => r.dataset.spanId).join(",")}`;
  const toggles = [...box.querySelectorAll<HTMLElement>('[data-testid="span-toggle"]')].filter((t) => {
    const b = t.getBoundingClientRect();
    return b.top >= rect.top && b.bottom <= rect.bottom && t.getAttribute("aria-expanded") !== "false";
  });
  const toggle = toggles[0];
  if (!toggle) throw new Error("no expanded span-toggle in view");
  const owner = toggle.closest<HTMLElement>('[data-testid="span-row"]')?.dataset.spanId ?? "?";
  const before = signature();
  const t0 = performance.now();
  toggle.click();
  for (;;) {
    if (signature() !== before) {
      await painted();
      return { ms: performance.now() - t0, detail: `collapsed ${owner}` };
    }
    if (performance.now() - t0 > 20_000) throw new Error(`collapsing ${owner} changed nothing within 20 s`);
    await frame();
  }
}

/** Baselines in the same page: JSON.parse of the trace's body, and a naive render of one div per span. */
export async function baselineProbe(traceId: string): Promise<{ jsonParseMs: number; naiveRenderMs: number; bodyBytes: number; spans: number }> {
  const painted = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const text = await (await fetch(`/api/v1/traces/${traceId}`)).text();
  const p0 = performance.now();
  const parsed = JSON.parse(text) as { spans: { spanId: string; name: string; service: string }[] };
  const jsonParseMs = performance.now() - p0;

  const r0 = performance.now();
  const again = JSON.parse(text) as typeof parsed;
  const host = document.createElement("div");
  host.style.cssText = "position:fixed;inset:0;overflow:auto;background:#fff;z-index:99999;font:12px sans-serif";
  for (const span of again.spans) {
    const row = document.createElement("div");
    row.style.height = "26px";
    row.textContent = `${span.service} ${span.name}`;
    host.appendChild(row);
  }
  document.body.appendChild(host);
  await painted();
  const naiveRenderMs = performance.now() - r0;
  host.remove();
  return { jsonParseMs, naiveRenderMs, bodyBytes: text.length, spans: parsed.spans.length };
}
