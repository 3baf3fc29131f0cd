import type { Locator, Page } from "playwright-core";

/**
 * Polling assertions for playwright-core (which has no `expect`): each waits up to `timeoutMs` for
 * the condition and fails with what it last saw, so a failing UI test says what was on screen.
 */
const TIMEOUT_MS = 10_000;

export async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not true within ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the locator matches exactly `n` elements. */
export async function expectCount(locator: Locator, n: number, what: string): Promise<void> {
  let seen = -1;
  await until(`${what}: expected ${n} elements`, async () => {
    seen = await locator.count();
    return seen === n;
  }).catch((error: Error) => {
    throw new Error(`${error.message}, saw ${seen}`);
  });
}

/** Waits until the locator matches at least `n` elements; returns the count. */
export async function expectAtLeast(locator: Locator, n: number, what: string): Promise<number> {
  let seen = -1;
  await until(`${what}: expected at least ${n} elements`, async () => {
    seen = await locator.count();
    return seen >= n;
  }).catch((error: Error) => {
    throw new Error(`${error.message}, saw ${seen}`);
  });
  return seen;
}

/** Waits until the (first) element is visible and its text contains `text`. */
export async function expectText(locator: Locator, text: string, what: string): Promise<void> {
  let seen = "";
  await until(`${what}: expected text ${JSON.stringify(text)}`, async () => {
    const first = locator.first();
    if (!(await first.isVisible())) return false;
    seen = await first.innerText();
    return seen.includes(text);
  }).catch((error: Error) => {
    throw new Error(`${error.message}; saw ${JSON.stringify(seen.slice(0, 500))}`);
  });
}

export async function expectVisible(locator: Locator, what: string): Promise<void> {
  await until(`${what}: expected visible`, () => locator.first().isVisible());
}

export async function expectAttribute(locator: Locator, name: string, value: string, what: string): Promise<void> {
  let seen: string | null = null;
  await until(`${what}: expected ${name}="${value}"`, async () => {
    seen = await locator.first().getAttribute(name);
    return seen === value;
  }).catch((error: Error) => {
    throw new Error(`${error.message}, saw ${String(seen)}`);
  });
}

/** Waits until the page's URL satisfies `check` (path + search, e.g. `/trace/ab?span=cd`). */
export async function expectUrl(page: Page, check: (url: URL) => boolean, what: string): Promise<URL> {
  return until(`${what}: URL is ${page.url()}`, async () => {
    const url = new URL(page.url());
    return check(url) ? url : false;
  });
}

/** Fails if any element could run script: an `<img src=x>` from the XSS value, or any inline handler. */
export async function expectNoInjectedMarkup(page: Page, where: string): Promise<void> {
  // e2e/ compiles without the DOM lib (it clashes with Node's fetch types), hence the string.
  const injected = await page.evaluate<{ imgs: number; handlers: number }>(`({
    imgs: document.querySelectorAll('img[src="x"]').length,
    handlers: document.querySelectorAll("[onerror], [onload], [onclick], [onmouseover]").length,
  })`);
  if (injected.imgs > 0 || injected.handlers > 0) {
    throw new Error(`${where}: markup from span/log data was rendered as HTML (${injected.imgs} <img src=x>, ${injected.handlers} elements with inline handlers)`);
  }
}
