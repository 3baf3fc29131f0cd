import type { ShopServiceName } from "@skein/example-shop";
import type { CliIo } from "../cli-io.js";

/**
 * Shows what a person must see of the shop's output, on stderr. Always: the launcher's reports
 * (a process that died) and @skein/node's own warnings (`[skein] could not export …`: Skein is
 * unreachable, so the demo shows nothing). Unless quiet: a service's other non-JSON lines (a
 * crash's stack) and nats-server errors. The services' pino JSON lines go to Skein, not here.
 */
export function forwardServiceLine(source: ShopServiceName | "nats", line: string, quiet: boolean, io: CliIo): void {
  const text = line.trimStart();
  if (text.startsWith("[launcher]")) io.stderr.write(`${text}\n`);
  else if (text.startsWith("[skein]")) io.stderr.write(`[${source}] ${text}\n`);
  else if (!quiet && (source === "nats" ? /\[(ERR|FTL)\]/.test(text) : !text.startsWith("{"))) io.stderr.write(`[${source}] ${line}\n`);
}
