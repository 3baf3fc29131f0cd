import { readJson } from "./api-client.js";
import { decodeExportResponse, makeRawTrace, nowNs, traceRequestProto, type RawTrace } from "./otlp-payloads.js";
import { sleep } from "./skein-process.js";

/** How one request of the sender ended. */
export interface SendOutcome {
  trace: RawTrace;
  /** Date.now() when the request was sent and when its answer (or failure) arrived. */
  sentAt: number;
  settledAt: number;
  /** HTTP status, or "error" when no answer arrived (connection refused, client timeout). */
  status: number | "error";
  /** The Retry-After header of the answer, when there was one. */
  retryAfter: string | null;
  /** True when the server answered 200 and rejected no span: every span of `trace` was acked. */
  acked: boolean;
}

export interface AckedSenderOptions {
  /** OTLP/HTTP base URL (SkeinEndpoints.otlpHttpUrl). */
  otlpHttpUrl: string;
  /** service.name of every span sent. */
  service: string;
  /** Spans per request; each request is one new trace. Default 5. */
  spansPerTrace?: number;
  /** Pause between two sends. Default 20 ms. */
  intervalMs?: number;
  /** At most this many requests in flight; the loop waits for a slot. Default 4. */
  maxInFlight?: number;
  /** Client-side timeout of one request (its outcome is then unknown: not acked). Default 20 s. */
  requestTimeoutMs?: number;
}

/**
 * Sends OTLP/HTTP protobuf requests continuously, one new trace with known ids per request, and
 * records exactly which were acknowledged. Only `acked` traces are owed by the server: a request
 * without an answer may or may not have been stored, and tests make no claim about it.
 */
export class AckedSender {
  readonly outcomes: SendOutcome[] = [];
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private readonly inFlight = new Set<Promise<void>>();
  private sequence = 0;

  constructor(private readonly options: AckedSenderOptions) {}

  /** The service.name of every span this sender sends. */
  get service(): string {
    return this.options.service;
  }

  /** Starts the send loop; stop() ends it. */
  start(): void {
    if (this.running) throw new Error("AckedSender already running");
    this.running = true;
    this.loop = this.run();
  }

  /** Sends no more requests and resolves once every request in flight has settled. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /** Sends one request now (also while the loop is stopped) and resolves its outcome. */
  async sendOne(): Promise<SendOutcome> {
    const spans = this.options.spansPerTrace ?? 5;
    const trace = makeRawTrace(spans, nowNs(-2_000 + (this.sequence % 1_000)), `${this.options.service}-${this.sequence++}`);
    const body = traceRequestProto(this.options.service, trace.spans);
    const sentAt = Date.now();
    const outcome: SendOutcome = { trace, sentAt, settledAt: sentAt, status: "error", retryAfter: null, acked: false };
    try {
      const res = await fetch(`${this.options.otlpHttpUrl}/v1/traces`, {
        method: "POST",
        body,
        headers: { "content-type": "application/x-protobuf" },
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 20_000),
      });
      const answer = await readJson(res);
      outcome.status = answer.status;
      outcome.retryAfter = answer.headers.get("retry-after");
      outcome.acked = answer.status === 200 && decodeExportResponse(answer.bytes).rejected === 0n;
    } catch {
      outcome.status = "error";
    }
    outcome.settledAt = Date.now();
    this.outcomes.push(outcome);
    return outcome;
  }

  /** Traces whose every span the server acknowledged, in the order the acks arrived. */
  get acked(): RawTrace[] {
    return this.outcomes.filter((o) => o.acked).map((o) => o.trace);
  }

  /** Acked requests that were sent at or after `time` (Date.now() units). */
  ackedSentSince(time: number): SendOutcome[] {
    return this.outcomes.filter((o) => o.acked && o.sentAt >= time);
  }

  /** A one-line summary of the outcomes, for assertion messages. */
  describe(): string {
    const counts = new Map<string, number>();
    for (const o of this.outcomes) counts.set(String(o.status), (counts.get(String(o.status)) ?? 0) + 1);
    return `${this.outcomes.length} requests: ${[...counts].map(([s, n]) => `${s}×${n}`).join(", ")}`;
  }

  private async run(): Promise<void> {
    const interval = this.options.intervalMs ?? 20;
    const maxInFlight = this.options.maxInFlight ?? 4;
    while (this.running) {
      if (this.inFlight.size < maxInFlight) {
        const request: Promise<void> = this.sendOne().then(() => void this.inFlight.delete(request));
        this.inFlight.add(request);
      } else {
        await Promise.race(this.inFlight);
      }
      await sleep(interval);
    }
  }
}
