import { mkdtempSync, rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, it } from "vitest";
import type { Storage, StorageCapabilities } from "../storage.js";

export interface StorageConformanceOptions {
  /** Shown in the describe() title. */
  name: string;
  /** A new, not yet started adapter over `dataDir` (a fresh temp dir per test). Must not do I/O before start(). */
  create(dataDir: string): Storage;
  /** True when data acknowledged by a writer survives shutdown() and a new create(sameDir).start(). */
  persistent: boolean;
}

/** What each concern's test file gets: the options, the declared capabilities, and a per-test storage. */
export interface ConformanceContext {
  readonly options: StorageConformanceOptions;
  readonly capabilities: StorageCapabilities;
  /** The started storage of the current test (fresh dir, shut down and removed after the test). */
  storage(): Storage;
  /** The current test's data dir. */
  dataDir(): string;
}

/**
 * Reads the adapter's capabilities at registration time from an instance that is never started
 * (vitest needs them to decide skips while collecting), and registers beforeEach/afterEach hooks
 * that give every test a fresh temp dir and a started storage. Call inside a describe().
 */
export function createContext(options: StorageConformanceOptions): ConformanceContext {
  const probeDir = mkdtempSync(join(tmpdir(), "skein-conformance-probe-"));
  const probe = options.create(probeDir);
  const capabilities = { ...probe.capabilities };
  afterAll(async () => {
    await probe.shutdown();
    rmSync(probeDir, { recursive: true, force: true });
  });

  let current: { storage: Storage; dir: string } | undefined;
  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), "skein-conformance-"));
    const storage = options.create(dir);
    current = { storage, dir };
    await storage.start();
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    if (done === undefined) return;
    try {
      await done.storage.shutdown();
    } finally {
      await rm(done.dir, { recursive: true, force: true });
    }
  });

  const active = () => {
    if (current === undefined) throw new Error("conformance storage is only available inside a test");
    return current;
  };
  return { options, capabilities, storage: () => active().storage, dataDir: () => active().dir };
}

/**
 * `it`, skipped when the adapter lacks any of `needs`; a skipped test's name then states why
 * ("… (skipped: adapter declares no regex capability)"), so no skip is silent.
 */
export function itWhen(ctx: ConformanceContext, needs: (keyof StorageCapabilities)[], title: string, fn: () => Promise<void>): void {
  const missing = needs.filter((cap) => ctx.capabilities[cap] !== true);
  const reason = `skipped: adapter declares no ${missing.join(" / ")} capability`;
  it.skipIf(missing.length > 0)(missing.length > 0 ? `${title} (${reason})` : title, fn);
}

/** `it` that runs only when the adapter lacks `cap` (to check it refuses rather than approximates). */
export function itWithout(ctx: ConformanceContext, cap: keyof StorageCapabilities, title: string, fn: () => Promise<void>): void {
  const has = ctx.capabilities[cap] === true;
  it.skipIf(has)(has ? `${title} (skipped: adapter declares the ${cap} capability)` : title, fn);
}
