import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { REPO_ROOT } from "./skein-process.js";

/**
 * Debian's Chromium (DESIGN §8): the UI tests drive this binary, never a downloaded one.
 * TWIN: bench/support/ui-chromium.ts copies CHROMIUM_PATH, the flags and ensureChromium (bench/
 * compiles on its own and cannot import e2e/); keep the two behaving identically.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const INSTALL_COMMAND = "apt-get update && apt-get install -y chromium";

/** Where every screenshot lands (test artifact), and the committed copies in docs/. */
export const ARTIFACT_DIR = join(REPO_ROOT, ".tmp", "ui-artifacts");
export const DOCS_SCREENSHOT_DIR = join(REPO_ROOT, "docs", "screenshots");

/**
 * Makes sure `/usr/bin/chromium` exists. When missing it is installed with apt-get if this process
 * runs as root (apt's progress goes to the terminal); otherwise it throws with the exact command.
 * Never skips: a missing browser is a failure, not a pass.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`the UI tests need Debian's Chromium at ${CHROMIUM_PATH}; install it as root: ${INSTALL_COMMAND}`);
  }
  process.stderr.write(`${CHROMIUM_PATH} is missing: running ${INSTALL_COMMAND}\n`);
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    const run = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (exit ${String(run.status)}); run it by hand: ${INSTALL_COMMAND}`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
}

/** One launched browser with one page, and everything the page reported that a test asserts on. */
export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** `console.error` messages and uncaught exceptions (`pageerror`), in order. */
  readonly errors: string[];
  /** Every `alert`/`confirm`/`prompt` the page opened (dismissed at once): an XSS test wants none. */
  readonly dialogs: string[];
  /** Errors except those matching `expected` (e.g. a failed fetch while the server is stopped). */
  unexpectedErrors(expected?: RegExp[]): string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  viewport?: { width: number; height: number };
}

/** Launches Chromium (ensuring it first) with one 1440×900 page that records errors and dialogs. */
export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  ensureChromium();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console.error: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  return {
    browser,
    context,
    page,
    errors,
    dialogs,
    unexpectedErrors: (expected = []) => errors.filter((e) => !expected.some((re) => re.test(e))),
    close: () => browser.close(),
  };
}

/**
 * Screenshot of the viewport to `.tmp/ui-artifacts/<name>.png`, and also to
 * `docs/screenshots/<name>.png` when SKEIN_UPDATE_SCREENSHOTS=1 (the committed images in the docs).
 * Returns the artifact path.
 */
export async function screenshot(page: Page, name: string, options: { forDocs?: boolean } = {}): Promise<string> {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  const artifact = join(ARTIFACT_DIR, `${name}.png`);
  await page.screenshot({ path: artifact });
  // Only the pictures the README shows are copied into docs/ (forDocs: false keeps a test's own artifact out).
  if (process.env.SKEIN_UPDATE_SCREENSHOTS === "1" && options.forDocs !== false) {
    mkdirSync(DOCS_SCREENSHOT_DIR, { recursive: true });
    copyFileSync(artifact, join(DOCS_SCREENSHOT_DIR, `${name}.png`));
  }
  return artifact;
}
