// The `[launcher]` line that reports a shop process which exited without being asked to, e.g.
// `[launcher] payment was killed by SIGKILL unexpectedly; the shop is degraded — …`. It reaches
// callers through ShopOptions.onOutput; parseUnexpectedExit lets them react without matching text.
import type { ShopServiceName } from "../shop-contract.js";

export interface UnexpectedExit {
  service: ShopServiceName | "nats";
  /** How it ended, e.g. `was killed by SIGKILL` or `exited with code 1`. */
  exit: string;
}

const PREFIX = "[launcher] ";
const SUFFIX = " unexpectedly; the shop is degraded — stop it and look at the lines above";

export function formatUnexpectedExit({ service, exit }: UnexpectedExit): string {
  return `${PREFIX}${service} ${exit}${SUFFIX}`;
}

/** The report in `line` (as formatUnexpectedExit wrote it), else undefined. */
export function parseUnexpectedExit(line: string): UnexpectedExit | undefined {
  const text = line.trim();
  if (!text.startsWith(PREFIX) || !text.endsWith(SUFFIX)) return undefined;
  const match = /^(frontend|checkout|payment|inventory|notification|nats) (.+)$/.exec(text.slice(PREFIX.length, -SUFFIX.length));
  return match ? { service: match[1] as UnexpectedExit["service"], exit: match[2]! } : undefined;
}
