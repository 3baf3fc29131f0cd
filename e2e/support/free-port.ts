import { createServer } from "node:net";

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: the OS picked it for a listener that is
 * closed again before this resolves. Nothing listens there now, so it serves both as a port to
 * give a server and as a "closed port" (an endpoint that refuses connections). Another process
 * could take it in between; in tests on one machine that is rare enough.
 */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolveListen);
  });
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  return port;
}

/** A port with nothing listening on 127.0.0.1: connecting to it is refused (e.g. "Skein is down"). */
export const closedPort: () => Promise<number> = freePort;
