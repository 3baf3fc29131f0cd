import type { CliIo } from "../cli-io.js";
import { launchDemo } from "./demo-command.js";
import { localUrl } from "./demo-endpoints.js";
import { parseDemoOptions } from "./demo-options.js";
import type { DemoSession } from "./demo-session.js";

/** Where this process's own Skein listens, as bound (never 0). */
export interface BoundSkein {
  host: string;
  httpPort: number;
  otlpHttpPort: number;
}

/**
 * `skein start --demo`: the demo with its default settings against this process's server, reached
 * on loopback when bound to a wildcard address. Resolves the running session and the API URL its
 * links use; throws DemoStartError when the demo cannot start. `signal`: a shutdown signal that
 * arrives while the shop starts (the session then stops the shop and runs no load).
 */
export async function startServerDemo(bound: BoundSkein, io: CliIo, signal?: AbortSignal): Promise<{ session: DemoSession; apiUrl: string }> {
  const apiUrl = localUrl(bound.host, bound.httpPort);
  const settings = parseDemoOptions({ apiUrl });
  const session = await launchDemo(settings, localUrl(bound.host, bound.otlpHttpPort), io, signal);
  return { session, apiUrl };
}
