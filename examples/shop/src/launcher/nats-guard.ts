// The guard of the shop's nats-server: a tiny Node process between the launcher and nats-server,
// because nats-server cannot watch its parent and the shop's services can (service-runtime.ts).
// Usage (spawned by nats-broker.ts with an IPC channel):
//   node nats-guard.js <store-dir> <nats-server> [nats-server args…]
//
// Contract: nats-server's output goes straight to the guard's stdout/stderr. SIGTERM/SIGINT are
// passed on to nats-server. When the IPC channel closes — the launcher exited, however it died
// (kill -9, crash, process.exit) — nats-server is stopped too. Whenever nats-server has exited,
// the store dir is removed and the guard ends the way nats-server did (same code or signal).
import { spawn } from "node:child_process";
import { rmSync } from "node:fs";

/** nats-server exits within milliseconds of SIGTERM; this only bounds a hung one. */
const KILL_AFTER_MS = 3_000;

const [storeDir, serverPath, ...serverArgs] = process.argv.slice(2);
if (storeDir === undefined || serverPath === undefined) {
  process.stderr.write("usage: node nats-guard.js <store-dir> <nats-server> [nats-server args…]\n");
  process.exit(2);
}

function removeStore(): void {
  rmSync(storeDir!, { recursive: true, force: true });
}

const server = spawn(serverPath, serverArgs, { stdio: ["ignore", "inherit", "inherit"] });

let stopping = false;
function stopServer(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  server.kill(signal);
  setTimeout(() => server.kill("SIGKILL"), KILL_AFTER_MS).unref();
}

process.on("SIGTERM", () => stopServer("SIGTERM"));
process.on("SIGINT", () => stopServer("SIGINT"));
if (process.channel) {
  process.channel.unref();
  process.once("disconnect", () => stopServer("SIGTERM"));
}

server.once("error", (error) => {
  // Spawning failed (ENOENT, EACCES): there is no nats-server to wait for.
  process.stderr.write(`nats-guard: cannot run ${serverPath}: ${error.message}\n`);
  removeStore();
  process.exit(127);
});

server.once("exit", (code, signal) => {
  removeStore();
  if (signal === null) process.exit(code ?? 1);
  // Die of the same signal, so the launcher reports "nats was killed by SIGKILL", not a code.
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
