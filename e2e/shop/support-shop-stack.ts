import { startShop, type OrderResponse, type ShopHandle, type ShopOptions } from "@skein/example-shop";
import type { ApiLog, ApiSpan } from "@skein/model/api";
import { getJson, readJson } from "../support/api-client.js";
import { SkeinProcess, sleep } from "../support/skein-process.js";
import { describeMatch, formatSpanTree, matches, type SpanMatch } from "./support-span-tree.js";

/**
 * One real `skein start` and one real shop (five service processes + nats-server) exporting to
 * it. Owned by one test file: start in beforeAll, `stop()` in afterAll (shop first, so its last
 * telemetry still has a server to go to).
 */
export class ShopStack {
  /** The last lines every shop process printed, for failure messages. */
  private readonly output: string[] = [];

  private constructor(
    readonly skein: SkeinProcess,
    private shopHandle: ShopHandle | undefined,
  ) {}

  /** `skeinArgs`: extra `skein start` flags (e.g. a short span-metrics flush interval). */
  static async start(options: Omit<ShopOptions, "otlpEndpoint" | "onOutput">, skeinArgs: string[] = []): Promise<ShopStack> {
    const skein = await SkeinProcess.start({ args: skeinArgs });
    const stack = new ShopStack(skein, undefined);
    try {
      stack.shopHandle = await startShop({
        ...options,
        otlpEndpoint: skein.endpoints.otlpHttpUrl,
        env: { OTEL_BSP_SCHEDULE_DELAY: "100", OTEL_BLRP_SCHEDULE_DELAY: "100", ...options.env },
        onOutput: (service, line) => stack.remember(`${service}: ${line}`),
      });
    } catch (error) {
      await skein.cleanup();
      throw new Error(`the shop did not start: ${String(error)}\n${stack.describe()}`);
    }
    return stack;
  }

  get shop(): ShopHandle {
    if (!this.shopHandle) throw new Error("the shop is not running: ShopStack.start() failed or stop() was called");
    return this.shopHandle;
  }

  get apiUrl(): string {
    return this.skein.endpoints.apiUrl;
  }

  /** Idempotent; stops the shop (flushing its telemetry) before Skein. */
  async stop(): Promise<void> {
    const shop = this.shopHandle;
    this.shopHandle = undefined;
    try {
      await shop?.stop();
    } finally {
      await this.skein.cleanup();
    }
  }

  /** `POST /api/orders` as an uninstrumented client: only the headers given here are sent. */
  async placeOrder(card: string, headers: Record<string, string> = {}): Promise<PlacedOrder> {
    const res = await readJson<OrderResponse>(
      await fetch(`${this.shop.frontendUrl}/api/orders`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ customerId: "e2e-customer", items: [{ sku: "TEA-SENCHA-100", quantity: 1 }], card }),
      }),
    );
    return { status: res.status, body: res.body, text: res.text, traceresponse: res.headers.get("traceresponse") };
  }

  /**
   * Polls `GET /api/v1/traces/{id}` until every `required` span is there (spans arrive from five
   * processes in separate batches). Fails after `timeoutMs` listing what is missing and the tree found.
   */
  async waitForTrace(traceId: string, required: readonly SpanMatch[], timeoutMs = 15_000): Promise<ApiSpan[]> {
    const deadline = Date.now() + timeoutMs;
    let spans: ApiSpan[] = [];
    for (;;) {
      spans = await this.getTrace(traceId);
      const missing = required.filter((m) => spans.filter((s) => matches(s, m)).length < (m.atLeast ?? 1));
      if (missing.length === 0) return spans;
      if (Date.now() > deadline) {
        throw new Error(
          `trace ${traceId} incomplete after ${timeoutMs} ms; missing: ${missing.map(describeMatch).join("; ")}\n` +
            `found ${spans.length} spans:\n${formatSpanTree(spans)}\n${this.describe()}`,
        );
      }
      await sleep(100);
    }
  }

  /** Every span of the trace now; [] while Skein has none (404). */
  async getTrace(traceId: string): Promise<ApiSpan[]> {
    const res = await getJson<{ spans: ApiSpan[] }>(`${this.apiUrl}/api/v1/traces/${traceId}`);
    if (res.status === 404) return [];
    if (res.status !== 200) throw new Error(`GET /api/v1/traces/${traceId} answered ${res.status}: ${res.text}`);
    return res.body.spans;
  }

  /** Polls `GET /api/v1/logs?traceId=` until a log matches `want`; returns every log of the trace then. */
  async waitForLogs(traceId: string, want: (log: ApiLog) => boolean, what: string, timeoutMs = 15_000): Promise<ApiLog[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await getJson<{ logs: ApiLog[] }>(`${this.apiUrl}/api/v1/logs?traceId=${traceId}`);
      if (res.status !== 200) throw new Error(`GET /api/v1/logs?traceId=${traceId} answered ${res.status}: ${res.text}`);
      if (res.body.logs.some(want)) return res.body.logs;
      if (Date.now() > deadline) {
        const found = res.body.logs.map((l) => `${l.service} ${l.severityText} span=${String(l.spanId)} ${JSON.stringify(l.body)}`);
        throw new Error(`no log ${what} in trace ${traceId} after ${timeoutMs} ms; found:\n${found.join("\n") || "(none)"}\n${this.describe()}`);
      }
      await sleep(100);
    }
  }

  describe(): string {
    return `--- shop output (last ${this.output.length} lines) ---\n${this.output.join("\n")}`;
  }

  private remember(line: string): void {
    this.output.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
    if (this.output.length > 60) this.output.shift();
  }
}

export interface PlacedOrder {
  status: number;
  /** Parsed JSON body; undefined when the answer was not JSON (see `text`). */
  body: OrderResponse | undefined;
  text: string;
  /** The W3C `traceresponse` header, `00-{traceId}-{spanId}-{flags}`, or null. */
  traceresponse: string | null;
}

/** The trace id of a W3C `traceresponse`/`traceparent` value; throws when it is malformed. */
export function traceIdOf(header: string | null): string {
  return parseTraceHeader(header).traceId;
}

/** Whether a W3C `traceresponse`/`traceparent` value has the sampled flag; throws when it is malformed. */
export function isSampled(header: string | null): boolean {
  return (parseTraceHeader(header).flags & 1) === 1;
}

function parseTraceHeader(header: string | null): { traceId: string; flags: number } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(header ?? "");
  if (!match) throw new Error(`expected a W3C traceresponse header "00-{32 hex}-{16 hex}-{2 hex}", got ${JSON.stringify(header)}`);
  return { traceId: match[1]!, flags: parseInt(match[3]!, 16) };
}
