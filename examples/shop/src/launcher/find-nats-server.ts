// Locates the nats-server binary: an explicit path, else PATH, else Debian's /usr/sbin (not on a
// normal user's PATH) and /usr/bin.
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { NatsServerMissingError } from "../errors.js";

const FALLBACK_DIRS = ["/usr/sbin", "/usr/bin"];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findNatsServer(explicitPath: string | undefined, pathVariable = process.env.PATH ?? ""): string {
  if (explicitPath !== undefined) {
    if (isExecutable(explicitPath)) return explicitPath;
    throw new NatsServerMissingError(explicitPath);
  }
  const dirs = [...pathVariable.split(delimiter).filter((dir) => dir !== ""), ...FALLBACK_DIRS];
  for (const dir of dirs) {
    const candidate = join(dir, "nats-server");
    if (isExecutable(candidate)) return candidate;
  }
  throw new NatsServerMissingError(`PATH, ${FALLBACK_DIRS.join(", ")}`);
}
