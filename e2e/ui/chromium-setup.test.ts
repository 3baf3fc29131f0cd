import { afterEach, describe, expect, it, vi } from "vitest";

// ensureChromium decides from the file system and the uid; both are stubbed so no package is
// installed and no browser is needed. The real path is exercised by every other UI test.
const fs = vi.hoisted(() => ({ present: [] as boolean[] }));
const apt = vi.hoisted(() => ({ calls: [] as string[][], status: 0 }));
vi.mock("node:fs", async (original) => ({
  ...(await original<typeof import("node:fs")>()),
  existsSync: (path: string) => (path === "/usr/bin/chromium" ? (fs.present.shift() ?? false) : true),
}));
vi.mock("node:child_process", async (original) => ({
  ...(await original<typeof import("node:child_process")>()),
  spawnSync: (command: string, args: string[]) => {
    apt.calls.push([command, ...args]);
    return { status: apt.status };
  },
}));
const { ensureChromium } = await import("../support/browser.js");

/** process.getuid is optional in Node's types (absent on Windows). */
function runAs(uid: number): void {
  vi.spyOn(process as unknown as { getuid: () => number }, "getuid").mockReturnValue(uid);
}

describe("ensureChromium", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fs.present = [];
    apt.calls = [];
    apt.status = 0;
  });

  it("does nothing when /usr/bin/chromium exists", () => {
    fs.present = [true];
    ensureChromium();
    expect(apt.calls).toEqual([]);
  });

  it("fails with the exact command when missing and not root", () => {
    runAs(1000);
    expect(() => ensureChromium()).toThrow("apt-get update && apt-get install -y chromium");
    expect(apt.calls).toEqual([]);
  });

  it("installs it with apt-get when missing and root", () => {
    runAs(0);
    vi.spyOn(process.stderr, "write").mockReturnValue(true);
    fs.present = [false, true];
    ensureChromium();
    expect(apt.calls).toEqual([["apt-get", "update"], ["apt-get", "install", "-y", "chromium"]]);
  });

  it("fails when apt-get fails", () => {
    runAs(0);
    vi.spyOn(process.stderr, "write").mockReturnValue(true);
    apt.status = 100;
    expect(() => ensureChromium()).toThrow(/apt-get update failed/);
  });
});
