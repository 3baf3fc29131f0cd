#!/usr/bin/env node
// `npm run bench` entry point: compiles the TypeScript bench (bench/tsconfig.json → bench/dist)
// and runs it with the given arguments. The packages themselves are built by `npm run build`
// before this runs; the bench talks to them over HTTP and through their built dist/.
// Usage: npm run bench -- [ingest|storage|trace-by-id|search|ui ...] [--spans 1e6] [--clients 4]
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const bench = dirname(fileURLToPath(import.meta.url));
const tsc = join(bench, "..", "node_modules", "typescript", "bin", "tsc");
const built = spawnSync(process.execPath, [tsc, "-b", bench], { stdio: "inherit" });
if (built.status !== 0) process.exit(built.status ?? 1);
await import("./dist/main.js");
