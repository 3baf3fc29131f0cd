/**
 * Resolves on the first SIGINT or SIGTERM. A second one means "stop now": `onForce` runs (the CLI
 * exits with status 1 without waiting for the graceful shutdown). The handlers stay installed
 * until the process exits, so the default "die on signal" never applies mid-shutdown.
 */
export function firstShutdownSignal(onForce: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = 0;
    const handler = (signal: NodeJS.Signals) => {
      received += 1;
      if (received === 1) resolve(signal);
      else onForce(signal);
    };
    process.on("SIGINT", handler);
    process.on("SIGTERM", handler);
  });
}
