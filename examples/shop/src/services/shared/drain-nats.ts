// A bounded NATS drain for a service's close(): drain() finishes what is in flight (JetStream
// publishes awaiting their ack, the consumer's acks) but waits as long as the broker lets it —
// forever when nats-server is gone. Past the budget the connection is closed outright, so the
// service still exits well within service-runtime's CLOSE_TIMEOUT_MS.
import type { NatsConnection } from "nats";
import type { Logger } from "pino";

/** Drains `nats`, or closes it after `timeoutMs`; never rejects. */
export async function drainNats(nats: NatsConnection, timeoutMs: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
  try {
    const outcome = await Promise.race([nats.drain().then(() => "drained" as const), timedOut]);
    if (outcome === "timeout") logger.warn({ timeout_ms: timeoutMs }, "NATS drain did not finish in time; closing the connection");
  } catch (error) {
    logger.warn({ err: error }, "NATS drain failed; closing the connection");
  } finally {
    clearTimeout(timer);
  }
  if (!nats.isClosed()) await nats.close().catch(() => undefined);
}
