// The launcher's contract, shared by `skein demo`, the e2e tests and the bench. Implementation:
// shop-launcher.ts (processes), load/load-generator.ts (traffic).

/** Every process of the shop, each a separate `node --import @skein/node/register` process. */
export type ShopServiceName = "frontend" | "checkout" | "payment" | "inventory" | "notification";
export const SHOP_SERVICES: readonly ShopServiceName[] = ["frontend", "checkout", "payment", "inventory", "notification"];

/** Payment always declines this card (Stripe's test number for a generic decline). */
export const DECLINED_CARD = "4000000000000002";
/** A card payment accepts unless a random decline (declineRate) hits it. */
export const GOOD_CARD = "4242424242424242";

export interface ShopOptions {
  /** OTLP/HTTP base URL every service exports traces and logs to, e.g. `http://127.0.0.1:4318`. */
  otlpEndpoint: string;
  /** Interface the services and NATS bind; default 127.0.0.1. */
  host?: string;
  /** Port of the frontend; default 0 (a free port, reported in `frontendUrl`). */
  frontendPort?: number;
  /** Share (0..1) of charges payment declines at random, besides DECLINED_CARD; default 0.1. */
  declineRate?: number;
  /** Share (0..1) of inventory reservations that are slow; default 0.1. */
  slowInventoryRate?: number;
  /** Extra latency of a slow reservation in ms; default 400. */
  slowInventoryMs?: number;
  /** Share (0..1) of charges answered 503 "processor unavailable"; default 0.05. */
  paymentUnavailableRate?: number;
  /** When true, checkout retries a charge answered 5xx (up to 2 more tries); default false. */
  checkoutRetry?: boolean;
  /** Extra environment for every service (e.g. OTEL_BSP_SCHEDULE_DELAY, OTEL_TRACES_SAMPLER). */
  env?: Record<string, string>;
  /** Path of nats-server; default: found on PATH or at /usr/sbin/nats-server. */
  natsServerPath?: string;
  /** Receives every output line of every service (pino JSON lines) and of nats-server. */
  onOutput?: (service: ShopServiceName | "nats", line: string) => void;
  /** How long to wait for every service to be ready; default 30 000 ms. */
  readyTimeoutMs?: number;
}

export interface ShopServiceInfo {
  name: ShopServiceName;
  pid: number;
  /** Base URL for HTTP services; absent for the notification consumer. */
  url?: string;
}

export interface ShopHandle {
  /** Base URL of the frontend, e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly frontendUrl: string;
  /** `nats://host:port` of the broker the launcher started. */
  readonly natsUrl: string;
  readonly services: readonly ShopServiceInfo[];
  /**
   * SIGTERM to every service (each flushes its telemetry before exiting), then to nats-server;
   * removes the broker's temp dir. Idempotent; resolves when every process has exited.
   */
  stop(): Promise<void>;
}

/** `POST {frontendUrl}/api/orders` body. */
export interface OrderRequest {
  customerId?: string;
  items: Array<{ sku: string; quantity: number }>;
  card: string;
}

/**
 * Answer of `POST /api/orders`: 201 with status "confirmed", 402 with status "declined"
 * (error "card declined"), 503/504/500 with status "failed". `traceId` is the trace of the
 * request (also sent as the W3C `traceresponse` header), so a client can open it in Skein.
 */
export interface OrderResponse {
  orderId: string;
  status: "confirmed" | "declined" | "failed";
  traceId: string;
  error?: string;
}

export interface LoadOptions {
  frontendUrl: string;
  /** Orders per second, sent open-loop (a slow shop does not slow the generator down). */
  ratePerSecond: number;
  /** Stop after this long; default: run until `signal` aborts. */
  durationMs?: number;
  signal?: AbortSignal;
  /** Share (0..1) of orders paid with DECLINED_CARD; default 0 (payment's declineRate still applies). */
  declinedCardShare?: number;
  /** Called every `progressIntervalMs` (default 5 000) and once at the end. */
  onProgress?: (stats: LoadStats) => void;
  progressIntervalMs?: number;
}

export interface LoadStats {
  sent: number;
  confirmed: number;
  declined: number;
  /** Answered 5xx. */
  failed: number;
  /** No answer (connection refused, reset, timeout). */
  unreachable: number;
  elapsedMs: number;
  /** Order latency percentiles over the whole run, in ms (0 before the first answer). */
  p50Ms: number;
  p99Ms: number;
  /** The latest trace id seen per outcome, to print a link to a declined order. */
  lastTraceIds: Partial<Record<OrderResponse["status"], string>>;
}
