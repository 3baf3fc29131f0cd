#!/usr/bin/env node
// Runs the whole Vitest suite (unit, conformance, e2e) and ends with the plain summary line
// "N passed, N failed, N skipped" that CI reads. The exit code is Vitest's.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync } from "node:fs";

// Debian packages the suite drives for real (DESIGN §8): installed here when missing and running as
// root, otherwise the run stops with the exact command. Never skipped.
const DEBIAN_NEEDS = [
  { pkg: "chromium", paths: ["/usr/bin/chromium"] },
  { pkg: "nats-server", paths: ["/usr/sbin/nats-server", "/usr/bin/nats-server"] },
  { pkg: "clickhouse-server", paths: ["/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"] },
];
const missing = DEBIAN_NEEDS.filter((need) => !need.paths.some((path) => existsSync(path))).map((need) => need.pkg);
if (missing.length > 0) {
  const command = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) {
    console.error(`the tests need Debian's ${missing.join(" and ")}; install as root: ${command}`);
    process.exit(1);
  }
  console.error(`installing ${missing.join(", ")}: ${command}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", ...missing]]) {
    if (spawnSync("apt-get", args, { stdio: "inherit", env }).status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed; run it by hand: ${command}`);
      process.exit(1);
    }
  }
}

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
