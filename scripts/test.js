#!/usr/bin/env node
// Runs the whole Vitest suite (unit, conformance, e2e) and ends with the plain summary line
// "N passed, N failed, N skipped" that CI reads. The exit code is Vitest's.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";

const out = ".tmp/vitest-results.json";
mkdirSync(".tmp", { recursive: true });
const args = ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`, ...process.argv.slice(2)];
const run = spawnSync("npx", args, { stdio: "inherit" });

if (existsSync(out)) {
  const r = JSON.parse(readFileSync(out, "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
} else {
  console.log("\ntests: 0 passed, 1 failed (vitest wrote no results)");
}
process.exit(run.status ?? 1);
