// startShop: nats-server, then payment, inventory and notification, then checkout, then the
// frontend — each service a separate `node --import @skein/node/register` process — and a handle
// to stop them all. On any start-up failure everything started so far is stopped again.
import type { ShopHandle, ShopOptions, ShopServiceName } from "./shop-contract.js";
import { SHOP_SERVICES } from "./shop-contract.js";
import { findNatsServer } from "./launcher/find-nats-server.js";
import { ManagedProcess } from "./launcher/managed-process.js";
import { startNatsBroker, type NatsBroker } from "./launcher/nats-broker.js";
import { RunningShop, reportUnexpectedExits, stopProcesses, type StartedService } from "./launcher/running-shop.js";
import { isClosedLine, parseReadyLine, serviceEnv, type ServiceReady } from "./launcher/service-env.js";
import { locateShop, type ShopPaths } from "./launcher/shop-paths.js";
import { resolveShopOptions, type ResolvedShopOptions } from "./launcher/shop-options.js";

export async function startShop(options: ShopOptions): Promise<ShopHandle> {
  const resolved = resolveShopOptions(options);
  const paths = locateShop(SHOP_SERVICES);
  const natsServerPath = findNatsServer(options.natsServerPath);
  const deadline = Date.now() + resolved.readyTimeoutMs;
  const remaining = () => deadline - Date.now();
  const output = options.onOutput;

  const started: StartedService[] = [];
  let broker: NatsBroker | undefined;
  try {
    broker = await startNatsBroker({
      serverPath: natsServerPath,
      guardPath: paths.natsGuard,
      host: resolved.host,
      onLine: (line) => output?.("nats", line),
      readyTimeoutMs: remaining(),
    });
    const natsUrl = broker.url;
    const spawnService = (name: ShopServiceName, settings: Record<string, string>) => {
      const process = launchService(name, paths, resolved, options, settings);
      started.push({ name, process, url: undefined });
      return process;
    };
    const waitAll = async (processes: Array<ManagedProcess<ServiceReady>>) => {
      const ready = await Promise.all(processes.map((process) => process.waitReady(remaining())));
      processes.forEach((process, i) => {
        const service = started.find((s) => s.process === process);
        if (service) service.url = ready[i]!.url;
      });
      return ready.map((r) => r.url ?? "");
    };

    const http = { HOST: resolved.host, PORT: "0" };
    const [paymentUrl, inventoryUrl] = await waitAll([
      spawnService("payment", {
        ...http,
        SHOP_DECLINE_RATE: String(resolved.declineRate),
        SHOP_PAYMENT_UNAVAILABLE_RATE: String(resolved.paymentUnavailableRate),
      }),
      spawnService("inventory", {
        ...http,
        SHOP_SLOW_INVENTORY_RATE: String(resolved.slowInventoryRate),
        SHOP_SLOW_INVENTORY_MS: String(resolved.slowInventoryMs),
      }),
      spawnService("notification", { NATS_URL: natsUrl }),
    ]);
    const [checkoutUrl] = await waitAll([
      spawnService("checkout", {
        ...http,
        PAYMENT_URL: paymentUrl!,
        INVENTORY_URL: inventoryUrl!,
        NATS_URL: natsUrl,
        SHOP_CHECKOUT_RETRY: String(resolved.checkoutRetry),
      }),
    ]);
    const [frontendUrl] = await waitAll([
      spawnService("frontend", { ...http, PORT: String(resolved.frontendPort), CHECKOUT_URL: checkoutUrl! }),
    ]);

    reportUnexpectedExits(started, broker, output);
    return new RunningShop(frontendUrl!, broker, started);
  } catch (error) {
    await stopProcesses(started, broker);
    throw error;
  }
}

function launchService(
  name: ShopServiceName,
  paths: ShopPaths,
  resolved: ResolvedShopOptions,
  options: ShopOptions,
  settings: Record<string, string>,
): ManagedProcess<ServiceReady> {
  return new ManagedProcess<ServiceReady>({
    label: name,
    command: process.execPath,
    args: ["--import", paths.registerUrl, paths.script(name)],
    env: serviceEnv({ service: name, otlpEndpoint: resolved.otlpEndpoint, inherited: process.env, extra: options.env, settings }),
    cwd: paths.root,
    ipc: true,
    onLine: (line) => options.onOutput?.(name, line),
    readyWhen: parseReadyLine,
    closedWhen: isClosedLine,
  });
}
