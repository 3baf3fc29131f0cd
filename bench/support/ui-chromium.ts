import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/**
 * Debian's Chromium with the flags of DESIGN §8. The same policy as e2e/support/browser.ts (which
 * the bench cannot import: bench/ compiles on its own): installed with apt-get when missing and
 * running as root, otherwise an error naming the command. Never skipped.
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];

export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  const command = "apt-get update && apt-get install -y chromium";
  if (process.getuid?.() !== 0) throw new Error(`the ui scenario needs ${CHROMIUM_PATH}; as root run: ${command}`);
  for (const args of [["update"], ["install", "-y", "chromium"]]) {
    const run = spawnSync("apt-get", args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (run.status !== 0) throw new Error(`apt-get ${args.join(" ")} failed; run by hand: ${command}`);
  }
}

export async function launchChromium(): Promise<Browser> {
  ensureChromium();
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
