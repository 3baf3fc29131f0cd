import { spawn } from "node:child_process";
import { findNatsServer, isExecutableFile, NATS_INSTALL_COMMAND, ShopError } from "@skein/example-shop";
import type { CliIo } from "../cli-io.js";
import { DemoStartError } from "./demo-errors.js";

/** What ensureNatsServer needs from the machine; tests replace it. */
export interface NatsInstallHost {
  isRoot: boolean;
  /** Whether `path` is an executable regular file. */
  isExecutable(path: string): boolean;
  /**
   * Runs a command to completion with its output going to `io.stderr`; resolves its exit status
   * (null when a signal ended it). Rejects with the spawn error, code ENOENT when there is no such command.
   */
  run(command: string, args: string[], io: CliIo): Promise<number | null>;
}

/** The shop's own lookup (PATH, then /usr/sbin and /usr/bin), or the error saying nats-server is not there. */
function lookUp(io: CliIo, host: NatsInstallHost): { path: string } | { missing: ShopError } {
  try {
    return { path: findNatsServer(undefined, { pathVariable: io.env.PATH ?? "", isExecutable: (path) => host.isExecutable(path) }) };
  } catch (error) {
    if (error instanceof ShopError && error.code === "SKEIN_ERR_NATS_SERVER_MISSING") return { missing: error };
    throw error;
  }
}

/**
 * The path of nats-server (the demo shop's broker). When it is missing and this process runs as
 * root, installs Debian's package with apt-get, its progress on stderr; otherwise throws
 * DemoStartError with the exact command to run.
 */
export async function ensureNatsServer(io: CliIo, host: NatsInstallHost = systemHost()): Promise<string> {
  const found = lookUp(io, host);
  if ("path" in found) return found.path;
  if (!host.isRoot) throw new DemoStartError(found.missing.message, { cause: found.missing });
  io.stderr.write(`nats-server is missing: running ${NATS_INSTALL_COMMAND}\n`);
  for (const args of [["update"], ["install", "-y", "nats-server"]]) {
    let status: number | null;
    try {
      status = await host.run("apt-get", args, io);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        throw new DemoStartError("apt-get not found: install nats-server with your package manager or put it on PATH", { cause: error });
      }
      throw new DemoStartError(`cannot run apt-get (${(error as Error).message}); run it by hand: ${NATS_INSTALL_COMMAND}`, { cause: error });
    }
    if (status !== 0) throw new DemoStartError(`apt-get ${args.join(" ")} failed (exit ${String(status)}); run it by hand: ${NATS_INSTALL_COMMAND}`);
  }
  const installed = lookUp(io, host);
  if ("missing" in installed) throw new DemoStartError(`apt-get installed nats-server, yet: ${installed.missing.message}`);
  return installed.path;
}

function systemHost(): NatsInstallHost {
  return {
    isRoot: process.getuid?.() === 0,
    isExecutable: isExecutableFile,
    // Asynchronous so that `skein start --demo` keeps serving while apt-get runs.
    run: (command, args, io) =>
      new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
        child.stdout.on("data", (chunk: Buffer) => io.stderr.write(chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => io.stderr.write(chunk.toString()));
        child.once("error", reject);
        child.once("close", (status) => resolve(status));
      }),
  };
}
