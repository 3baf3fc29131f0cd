import { createHash } from "node:crypto";

/**
 * A database name derived from a data dir: each conformance test (fresh temp dir) gets its own
 * database, and reopening the same dir (the persistence test) finds the same one.
 */
export function databaseFor(dataDir: string): string {
  return `skein_t_${createHash("sha256").update(dataDir).digest("hex").slice(0, 16)}`;
}

/** A fresh database name for tests that make their own. */
export function freshDatabase(prefix = "skein_u"): string {
  return `${prefix}_${createHash("sha256").update(`${process.pid}-${Math.random()}-${Date.now()}`).digest("hex").slice(0, 12)}`;
}

/**
 * Ends a test server at once: a graceful stop of 18.16 waits seconds for idle keep-alive
 * sockets, and a test server's data is thrown away anyway.
 */
export async function killAndDispose(servers: readonly { kill(): Promise<void>; dispose(): Promise<void> }[]): Promise<void> {
  await Promise.all(servers.map(async (s) => {
    await s.kill();
    await s.dispose();
  }));
}
