import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAppPackage } from "./app-package.js";

describe("readAppPackage", async () => {
  const root = await mkdtemp(join(tmpdir(), "skein-node-app-"));
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("finds the nearest package.json with a name or version, skipping {type:module} ones", async () => {
    await writeFile(join(root, "package.json"), JSON.stringify({ name: "checkout", version: "2.1.0" }));
    await mkdir(join(root, "dist", "server"), { recursive: true });
    await writeFile(join(root, "dist", "package.json"), JSON.stringify({ type: "module" }));
    expect(readAppPackage(join(root, "dist", "server", "main.js"))).toEqual({ name: "checkout", version: "2.1.0" });
  });

  it("returns {} without an entry script or when nothing is found", async () => {
    expect(readAppPackage(undefined)).toEqual({});
    const bare = await mkdtemp(join(tmpdir(), "skein-node-bare-"));
    await writeFile(join(bare, "package.json"), "not json");
    // Eight directories are searched: g, f, …, a and bare (whose package.json is unreadable).
    expect(readAppPackage(join(bare, "a", "b", "c", "d", "e", "f", "g", "app.js"))).toEqual({});
    await rm(bare, { recursive: true, force: true });
  });
});
