import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StartupError } from "../pipeline/errors.js";
import { loadStorageAdapter } from "./storage-registry.js";

const run = promisify(execFile);

/**
 * The error Node's own import() throws for `packageName` where it is not installed: a child Node
 * process imports it from a temp dir with no node_modules above it (Vitest's resolver would find
 * the workspace package from anywhere), and its code and message are rebuilt here.
 */
async function missingPackageError(dir: string, packageName: string): Promise<Error> {
  const script = `import(${JSON.stringify(packageName)}).then(() => console.log("{}"), (e) => console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message })))`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: dir });
  const shape = JSON.parse(stdout) as { name?: string; code?: string; message?: string };
  expect(shape.code).toBe("ERR_MODULE_NOT_FOUND");
  return Object.assign(new Error(shape.message), { name: shape.name, code: shape.code });
}

describe("loadStorageAdapter", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "skein-registry-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loads the built-in kinds", async () => {
    expect((await loadStorageAdapter("duckdb")).kind).toBe("duckdb");
  });

  it("tells how to install the optional ClickHouse package when it is missing", async () => {
    const error = await loadStorageAdapter("clickhouse", async () => {
      throw await missingPackageError(dir, "@skein/storage-clickhouse");
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).cause).toMatchObject({ code: "ERR_MODULE_NOT_FOUND" });
    const message = (error as StartupError).message;
    expect(message).toContain("--storage clickhouse needs the package @skein/storage-clickhouse, which is not installed");
    expect(message).toContain("npm install @skein/storage-clickhouse");
    expect(message).toContain("npm install --include=optional");
    expect(message).toContain("--storage duckdb");
  });

  it("does not blame a missing package for a missing dependency inside it", async () => {
    const error = await loadStorageAdapter("clickhouse", async () => {
      throw await missingPackageError(dir, "@clickhouse/client");
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).message).toContain('cannot load the "clickhouse" storage adapter');
    expect((error as StartupError).message).not.toContain("is not installed");
  });

  it("refuses a package whose default export is not an adapter of that kind", async () => {
    const duckdb = await loadStorageAdapter("duckdb");
    await expect(loadStorageAdapter("clickhouse", async () => duckdb)).rejects.toThrow('does not export a "clickhouse" StorageAdapter');
    await expect(loadStorageAdapter("clickhouse", async () => undefined as never)).rejects.toThrow("broken or out of date");
  });
});
