import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium with the flags of DESIGN §8, for the `ui` scenario.
 *
 * TWIN: e2e/support/browser.ts (CHROMIUM_PATH, CHROMIUM_ARGS, ensureChromium). bench/ compiles on its
 * own (its own rootDir), so it cannot import e2e/; keep the two copies behaving identically: change
 * one, change the other.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const INSTALL_COMMAND = "apt-get update && apt-get install -y chromium";

/**
 * Makes sure `/usr/bin/chromium` exists. When missing it is installed with apt-get if this process
 * runs as root (apt's progress goes to the terminal); otherwise it throws with the exact command.
 * Never skips: a missing browser is a failure, not a pass.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`the ui scenario needs Debian's Chromium at ${CHROMIUM_PATH}; install it as root: ${INSTALL_COMMAND}`);
  }
  process.stderr.write(`${CHROMIUM_PATH} is missing: running ${INSTALL_COMMAND}\n`);
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    const run = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed (exit ${String(run.status)}); run it by hand: ${INSTALL_COMMAND}`);
  }
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} is still missing`);
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
