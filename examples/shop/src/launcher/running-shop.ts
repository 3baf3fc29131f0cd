// The handle of a started shop: its processes, the report of an unexpected death, and stop().
import type { ShopHandle, ShopServiceInfo, ShopServiceName } from "../shop-contract.js";
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

/** SIGTERM to every service at once, then to the broker. Never rejects. */
export async function stopProcesses(services: readonly { process: ManagedProcess<unknown> }[], broker: NatsBroker | undefined): Promise<void> {
  await Promise.all(services.map((service) => service.process.stop(SERVICE_STOP_GRACE_MS)));
  await broker?.stop();
}

/**
 * Reports a process that exits without stop() — a crash would otherwise leave a shop that
 * silently answers 503 — as one `[launcher]` line through onOutput, else on stderr.
 */
export function reportUnexpectedExits(services: readonly StartedService[], broker: NatsBroker, output: ShopOutput | undefined): void {
  const report = (name: ShopServiceName | "nats", process: ManagedProcess<unknown>) => {
    void process.exited.then(() => {
      if (process.stopRequested) return;
      const line = `[launcher] ${name} ${process.describeExit()} unexpectedly; the shop is degraded — stop it and look at the lines above`;
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
