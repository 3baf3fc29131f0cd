// The handle of a started shop: its processes, the report of an unexpected death, and stop().
import type { ShopHandle, ShopServiceInfo, ShopServiceName } from "../shop-contract.js";
import { formatUnexpectedExit } from "./exit-report.js";
import type { ManagedProcess } from "./managed-process.js";
import type { NatsBroker } from "./nats-broker.js";
import type { ServiceReady } from "./service-env.js";

/** Services flush telemetry on the way out (bounded by ~2 s in register, 8 s in the service). */
export const SERVICE_STOP_GRACE_MS = 10_000;

export interface StartedService {
  name: ShopServiceName;
  process: ManagedProcess<ServiceReady>;
  url: string | undefined;
}

export type ShopOutput = (service: ShopServiceName | "nats", line: string) => void;

/**
 * The order of a stop: each stage's callers before their callees, so a request in flight finds
 * every service it calls still up — the frontend, then checkout, then checkout's dependencies,
 * and nats-server last, after checkout's final publishes and the consumer's final acks.
 */
export const STOP_STAGES: readonly (readonly ShopServiceName[])[] = [["frontend"], ["checkout"], ["payment", "inventory", "notification"]];

/**
 * SIGTERM to the services stage by stage (STOP_STAGES): the next stage once the previous one has
 * closed (its work done; flushing telemetry needs no other service), then to the broker.
 * Resolves when every process has exited. Never rejects.
 */
export async function stopProcesses(services: readonly { name: ShopServiceName; process: ManagedProcess<unknown> }[], broker: NatsBroker | undefined): Promise<void> {
  const exits: Array<Promise<unknown>> = [];
  const stopAll = (some: readonly { process: ManagedProcess<unknown> }[]) => {
    exits.push(...some.map((service) => service.process.stop(SERVICE_STOP_GRACE_MS)));
    return Promise.all(some.map((service) => service.process.closed));
  };
  for (const stage of STOP_STAGES) await stopAll(services.filter((service) => stage.includes(service.name)));
  await stopAll(services); // stop() is idempotent: this ends only a service no stage names
  await Promise.all([...exits, broker?.stop()]);
}

/**
 * Reports a process that exits without stop() — a crash would otherwise leave a shop that
 * silently answers 503 — as one `[launcher]` line (exit-report.ts) through onOutput, else on stderr.
 */
export function reportUnexpectedExits(services: readonly StartedService[], broker: NatsBroker, output: ShopOutput | undefined): void {
  const report = (name: ShopServiceName | "nats", process: ManagedProcess<unknown>) => {
    void process.exited.then(() => {
      if (process.stopRequested) return;
      const line = formatUnexpectedExit({ service: name, exit: process.describeExit() });
      if (output) output(name, line);
      else globalThis.process.stderr.write(`${line}\n`);
    });
  };
  for (const service of services) report(service.name, service.process);
  report("nats", broker.process);
}

export class RunningShop implements ShopHandle {
  private stopped: Promise<void> | undefined;

  constructor(
    readonly frontendUrl: string,
    private readonly broker: NatsBroker,
    private readonly started: readonly StartedService[],
  ) {}

  get natsUrl(): string {
    return this.broker.url;
  }

  get services(): readonly ShopServiceInfo[] {
    return this.started.map(({ name, process, url }) => (url ? { name, pid: process.pid, url } : { name, pid: process.pid }));
  }

  stop(): Promise<void> {
    return (this.stopped ??= stopProcesses(this.started, this.broker));
  }
}
