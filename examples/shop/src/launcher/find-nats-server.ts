// Locates the nats-server binary — the one lookup of the shop's launcher and of `skein demo`
// (which installs nats-server when this finds none): an explicit path, else PATH, else Debian's
// /usr/sbin (not on a normal user's PATH) and /usr/bin.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { NatsServerMissingError } from "../errors.js";

/** Installs Debian's/Ubuntu's `nats-server` package (as root). */
export const NATS_INSTALL_COMMAND = "apt-get update && apt-get install -y nats-server";
/** Searched after PATH: where Debian's package puts the binary. */
export const NATS_SERVER_FALLBACK_DIRS: readonly string[] = ["/usr/sbin", "/usr/bin"];

export interface NatsServerLookup {
  /** The PATH to search; default `process.env.PATH`. */
  pathVariable?: string;
  /** Whether `path` is an executable regular file; tests replace the file system check. */
  isExecutable?: (path: string) => boolean;
}

export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The path of nats-server: `explicitPath` when given (it must be an executable file), else the
 * first executable `nats-server` on PATH or in NATS_SERVER_FALLBACK_DIRS. Throws
 * NatsServerMissingError (SKEIN_ERR_NATS_SERVER_MISSING) saying what to do.
 */
export function findNatsServer(explicitPath: string | undefined, lookup: NatsServerLookup = {}): string {
  const isExecutable = lookup.isExecutable ?? isExecutableFile;
  if (explicitPath !== undefined) {
    if (isExecutable(explicitPath)) return explicitPath;
    throw new NatsServerMissingError(`${explicitPath} is not an executable file: give the path of nats-server, or none to use the nats-server on PATH`);
  }
  const pathDirs = (lookup.pathVariable ?? process.env.PATH ?? "").split(delimiter).filter((dir) => dir !== "");
  for (const dir of [...pathDirs, ...NATS_SERVER_FALLBACK_DIRS]) {
    const candidate = join(dir, "nats-server");
    if (isExecutable(candidate)) return candidate;
  }
  throw new NatsServerMissingError(
    `nats-server is not installed (looked on PATH and in ${NATS_SERVER_FALLBACK_DIRS.join(", ")}): install it with "${NATS_INSTALL_COMMAND}" (Debian/Ubuntu, as root) or put nats-server on PATH`,
  );
}
