import { Agent, request } from "node:http";

/** One POST with a fixed body to one URL over a shared keep-alive agent. */
export interface Target {
  url: string;
  body: Buffer;
}

/** Raw samples of one load phase; the scenario pools and summarizes them. */
export interface LoadSamples {
  /** requests started (open loop: as scheduled; closed loop: by the workers) */
  sent: number;
  /** 2xx answers */
  ok: number;
  /** non-2xx answers and transport errors */
  failures: number;
  /** first send → last answer (closed loop: the phase's fixed duration), ms */
  elapsedMs: number;
  /**
   * Open loop: scheduled send time → last body byte, ms, less the generator's lag up to
   * TIMER_ALLOWANCE_MS: lag beyond Node's timer granularity (the generator stalled) counts as
   * latency, so a stall cannot hide queueing (no coordinated omission), while the ≤ 1 ms timer
   * jitter, equal for both variants, does not dilute the comparison. Closed loop: send → last
   * body byte.
   */
  latencyMs: number[];
  /** Open loop: actual send → last body byte, ms (what the service and loopback took). */
  serviceMs: number[];
  /** Open loop: actual − scheduled send time, ms (timer granularity; large when the generator stalls). */
  lagMs: number[];
}

/** Lag of an open-loop send behind its schedule that is attributed to timer granularity, ms. */
export const TIMER_ALLOWANCE_MS = 2;

/** Open-loop latency of one request, ms: see LoadSamples.latencyMs. */
export function scheduledLatency(scheduled: number, sentAt: number, end: number): number {
  return end - scheduled - Math.min(Math.max(0, sentAt - scheduled), TIMER_ALLOWANCE_MS);
}

function emptySamples(): LoadSamples {
  return { sent: 0, ok: 0, failures: 0, elapsedMs: 0, latencyMs: [], serviceMs: [], lagMs: [] };
}

/** Resolves with the status once the whole body arrived; rejects on transport errors and timeouts. */
function post(agent: Agent, url: URL, body: Buffer, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: "POST", timeout: timeoutMs,
        headers: { "content-type": "application/json", "content-length": String(body.byteLength) } },
      (res) => {
        res.on("data", () => undefined);
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`POST ${url.href}: no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Open loop at a fixed rate: request i is due at start + i / rate whether or not earlier ones
 * have been answered; due requests are sent from a timer (Node timers have 1 ms granularity, so
 * the actual send lags its schedule by up to ~1–2 ms, recorded in `lagMs`). The agent allows
 * `maxSockets` connections, so a slow service makes the generator open more rather than wait.
 */
export async function openLoop(target: Target, ratePerSec: number, durationMs: number, maxSockets = 256, timeoutMs = 10_000): Promise<LoadSamples> {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = new URL(target.url);
  const out = emptySamples();
  const total = Math.max(1, Math.round((ratePerSec * durationMs) / 1000));
  const interval = 1000 / ratePerSec;
  const pending: Promise<void>[] = [];
  const t0 = performance.now() + 1;
  const fire = (scheduled: number): Promise<void> => {
    const sentAt = performance.now();
    out.sent++;
    out.lagMs.push(sentAt - scheduled);
    return post(agent, url, target.body, timeoutMs).then(
      (status) => {
        const end = performance.now();
        if (status >= 200 && status < 300) out.ok++;
        else out.failures++;
        out.latencyMs.push(scheduledLatency(scheduled, sentAt, end));
        out.serviceMs.push(end - sentAt);
      },
      () => void out.failures++,
    );
  };
  await new Promise<void>((resolve) => {
    let i = 0;
    const tick = (): void => {
      const now = performance.now();
      while (i < total && t0 + i * interval <= now) pending.push(fire(t0 + i++ * interval));
      if (i < total) setTimeout(tick, t0 + i * interval - performance.now());
      else resolve();
    };
    setTimeout(tick, 1);
  });
  await Promise.all(pending);
  out.elapsedMs = performance.now() - t0;
  agent.destroy();
  return out;
}

/**
 * `concurrency` workers on one keep-alive agent, each sending the next request as soon as the
 * previous one is answered, while `more(out)` says so. An answer is counted only if `counts(end)`
 * (the closed loop for a duration drops answers arriving after its deadline).
 */
async function closedLoopWorkers(
  target: Target,
  concurrency: number,
  timeoutMs: number,
  more: (out: LoadSamples) => boolean,
  counts: (endedAt: number) => boolean = () => true,
): Promise<LoadSamples> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(target.url);
  const out = emptySamples();
  const worker = async (): Promise<void> => {
    while (more(out)) {
      const sentAt = performance.now();
      out.sent++;
      const status = await post(agent, url, target.body, timeoutMs).catch(() => 0);
      const end = performance.now();
      if (!counts(end)) break;
      if (status >= 200 && status < 300) out.ok++;
      else out.failures++;
      out.latencyMs.push(end - sentAt);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return out;
}

/**
 * Closed loop until `requests` have been sent. Used to warm a service up (JIT) in a fixed number
 * of requests, whatever its speed; the service never has more than `concurrency` in flight.
 */
export async function closedLoopCount(target: Target, concurrency: number, requests: number, timeoutMs = 10_000): Promise<LoadSamples> {
  const started = performance.now();
  const out = await closedLoopWorkers(target, concurrency, timeoutMs, (o) => o.sent < requests);
  out.elapsedMs = performance.now() - started;
  return out;
}

/** Closed loop for `durationMs`; answers arriving after the deadline are not counted. */
export async function closedLoop(target: Target, concurrency: number, durationMs: number, timeoutMs = 10_000): Promise<LoadSamples> {
  const deadline = performance.now() + durationMs;
  const out = await closedLoopWorkers(target, concurrency, timeoutMs, () => performance.now() < deadline, (end) => end <= deadline);
  out.elapsedMs = durationMs;
  return out;
}
