import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { delimiter, join } from "node:path";
import type { CliIo } from "../cli-io.js";
import { DemoStartError } from "./demo-errors.js";

/** Where Debian's `nats-server` package installs the binary, checked besides PATH. */
const KNOWN_PATHS = ["/usr/sbin/nats-server", "/usr/bin/nats-server"];
export const NATS_INSTALL_COMMAND = "apt-get update && apt-get install -y nats-server";

/** What ensureNatsServer needs from the machine; tests replace it. */
export interface NatsInstallHost {
  isRoot: boolean;
  isExecutable(path: string): Promise<boolean>;
  /** Runs a command to completion with its output going to `io.stderr`; resolves its exit status. */
  run(command: string, args: string[], io: CliIo): Promise<number | null>;
}

/** The first executable `nats-server` on PATH or at a known Debian path, or undefined. */
export async function findNatsServer(env: Record<string, string | undefined>, host: Pick<NatsInstallHost, "isExecutable"> = systemHost()): Promise<string | undefined> {
  const onPath = (env.PATH ?? "").split(delimiter).filter((dir) => dir !== "").map((dir) => join(dir, "nats-server"));
  for (const candidate of [...onPath, ...KNOWN_PATHS]) if (await host.isExecutable(candidate)) return candidate;
  return undefined;
}

/**
 * The path of nats-server (the demo shop's broker). When it is missing and this process runs as
 * root, installs Debian's package with apt-get, its progress on stderr; otherwise throws
 * DemoStartError with the exact command to run.
 */
export async function ensureNatsServer(io: CliIo, host: NatsInstallHost = systemHost()): Promise<string> {
  const found = await findNatsServer(io.env, host);
  if (found !== undefined) return found;
  if (!host.isRoot) {
    throw new DemoStartError(`nats-server is not installed; the demo shop's queue needs it. Install it as root: sudo sh -c "${NATS_INSTALL_COMMAND}" (Debian/Ubuntu), or put nats-server on PATH`);
  }
  io.stderr.write(`nats-server is missing: running ${NATS_INSTALL_COMMAND}\n`);
  for (const args of [["update"], ["install", "-y", "nats-server"]]) {
    const status = await host.run("apt-get", args, io);
    if (status !== 0) throw new DemoStartError(`apt-get ${args.join(" ")} failed (exit ${String(status)}); run it by hand: ${NATS_INSTALL_COMMAND}`);
  }
  const installed = await findNatsServer(io.env, host);
  if (installed === undefined) throw new DemoStartError(`apt-get installed nats-server but it is not on PATH nor at ${KNOWN_PATHS.join(" or ")}`);
  return installed;
}

function systemHost(): NatsInstallHost {
  return {
    isRoot: process.getuid?.() === 0,
    isExecutable: (path) => access(path, constants.X_OK).then(() => true, () => false),
    // Asynchronous so that `skein start --demo` keeps serving while apt-get runs.
    run: (command, args, io) =>
      new Promise((resolve) => {
        const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
        child.stdout.on("data", (chunk: Buffer) => io.stderr.write(chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk.toString()));
        child.on("error", (error) => {
          io.stderr.write(`cannot run ${command}: ${error.message}\n`);
          resolve(null);
        });
        child.on("close", (status) => resolve(status));
      }),
  };
}
