import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository root, found by walking up from this file (it runs both from bench/support under
 * Vitest and from bench/dist/support when built).
 */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "packages", "model", "proto"))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("bench: cannot find the repository root (packages/model/proto)");
    dir = up;
  }
}

export const REPO_ROOT = findRoot();
export const BENCH_DIR = join(REPO_ROOT, "bench");
export const RESULTS_DIR = join(BENCH_DIR, "results");
/** Reused data set (gitignored): the server's data dir and the manifest describing it. */
export const DATA_DIR = join(BENCH_DIR, ".data");
export const PROTO_DIR = join(REPO_ROOT, "packages", "model", "proto");
export const SKEIN_BIN = join(REPO_ROOT, "packages", "server", "bin", "skein.js");
