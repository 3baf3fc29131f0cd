// The NATS JetStream broker of the shop: a nats-server process on a free port with its store in a
// temp dir, and the ORDERS stream every service relies on. nats-server runs under nats-guard.js,
// which stops it and removes the store when the launcher dies without stopping it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "nats";
import { ORDERS_STREAM, ORDERS_SUBJECTS } from "../services/shared/order-events.js";
import { ManagedProcess } from "./managed-process.js";

/** nats-server exits within milliseconds of SIGTERM; this only bounds a hung one. */
const BROKER_STOP_GRACE_MS = 5_000;

export interface NatsBroker {
  url: string;
  process: ManagedProcess<string>;
  /** Stops nats-server and removes its store. Idempotent. */
  stop(): Promise<void>;
}

export interface NatsBrokerOptions {
  serverPath: string;
  /** The built nats-guard.js (ShopPaths.natsGuard). */
  guardPath: string;
  host: string;
  onLine: (line: string) => void;
  readyTimeoutMs: number;
}

/**
 * Readiness of nats-server from its log: the address comes from `Listening for client connections
 * on 127.0.0.1:4222`, readiness from the later `Server is ready`. Returns a per-process parser.
 */
export function natsReadiness(): (line: string) => string | undefined {
  let address: string | undefined;
  return (line) => {
    address ??= /Listening for client connections on (\S+:\d+)/.exec(line)?.[1];
    return line.includes("Server is ready") ? address : undefined;
  };
}

export async function startNatsBroker(options: NatsBrokerOptions): Promise<NatsBroker> {
  const storeDir = await mkdtemp(join(tmpdir(), "skein-shop-nats-"));
  // `-p -1` lets nats-server pick a free port itself and log it: no race between choosing a
  // port and binding it. The address comes from the "Listening for client connections" line.
  const process = new ManagedProcess<string>({
    label: "nats-server",
    command: globalThis.process.execPath,
    args: [options.guardPath, storeDir, options.serverPath, "-a", options.host, "-p", "-1", "-js", "-sd", storeDir],
    env: { PATH: globalThis.process.env.PATH ?? "" },
    ipc: true,
    onLine: options.onLine,
    readyWhen: natsReadiness(),
  });
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await process.stop(BROKER_STOP_GRACE_MS);
      await rm(storeDir, { recursive: true, force: true });
    })());
  try {
    const address = await process.waitReady(options.readyTimeoutMs);
    const url = `nats://${address}`;
    await ensureOrdersStream(url);
    return { url, process, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Creates the ORDERS stream; adding an identical stream again is accepted by JetStream. */
export async function ensureOrdersStream(url: string): Promise<void> {
  const nats = await connect({ servers: url, name: "skein-shop-launcher" });
  try {
    const jsm = await nats.jetstreamManager();
    await jsm.streams.add({ name: ORDERS_STREAM, subjects: [ORDERS_SUBJECTS] });
  } finally {
    await nats.close();
  }
}
