#!/usr/bin/env node
// Completes package-lock.json with the platform-specific optional packages (rollup's
// @rollup/rollup-<os>-<cpu>[-<libc>]) that this workplace's npm mirror does not serve: npm then
// leaves them out of the lock, and `npm ci` refuses a lock that lacks an optional dependency.
// Each added entry carries os/cpu/libc, so `npm ci` skips it on this platform without fetching.
// Run after `npm install` changes the lock: `node scripts/complete-lockfile.js`.
import { readFileSync, writeFileSync } from "node:fs";

const OS = ["android", "darwin", "freebsd", "linux", "openbsd", "openharmony", "win32", "sunos", "aix", "netbsd"];
const CPU = ["arm64", "arm", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x", "mips64el"];

/** os/cpu/libc from a name such as "rollup-linux-arm-musleabihf" or "rollup-win32-x64-msvc". */
function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (os === undefined || cpu === undefined) return undefined;
  const tail = parts.slice(parts.indexOf(cpu) + 1).join("-");
  const libc = os !== "linux" ? undefined : tail.startsWith("musl") ? "musl" : tail.startsWith("gnu") ? "glibc" : undefined;
  return { os, cpu, libc };
}

const path = "package-lock.json";
const lock = JSON.parse(readFileSync(path, "utf8"));
let added = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const depKey = `node_modules/${dep}`;
    if (lock.packages[depKey] !== undefined || lock.packages[`${key}/${depKey}`] !== undefined) continue;
    const platform = platformOf(dep);
    if (platform === undefined) continue;
    lock.packages[depKey] = {
      version,
      ...(platform.cpu ? { cpu: [platform.cpu] } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      ...(entry.dev || entry.devOptional ? { dev: true } : {}),
      optional: true,
      os: [platform.os],
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
