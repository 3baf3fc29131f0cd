import { request } from "node:http";
import { randomHex } from "../support/api-client.js";

/** One request's outcome as the (uninstrumented) client saw it. */
export interface Outcome {
  status: number;
  /** Wall time from sending to the last body byte, ms. */
  ms: number;
  body: string;
}

/**
 * GET with node:http from this test process, which loads no OTel SDK: only the headers given
 * here are sent, so a `traceparent` arrives exactly as written (as from any foreign client).
 */
export function plainGet(url: string, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolveGet, reject) => {
    const req = request(url, { headers, timeout: timeoutMs }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (c: string) => (body += c));
      res.on("end", () => resolveGet({ status: res.statusCode ?? 0, ms: performance.now() - started, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url} took more than ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end();
  });
}

/** Runs `count` calls of `send(i)` with at most `concurrency` in flight; results in call order. */
export async function runConcurrently<T>(count: number, concurrency: number, send: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) results[i] = await send(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** The q-quantile (0..1) of `values` by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A W3C traceparent with fresh random ids (or the given trace id) and the given sampled flag. */
export function newTraceparent(sampled: boolean, traceId = randomHex(16)): { traceId: string; spanId: string; header: string } {
  const spanId = randomHex(8);
  return { traceId, spanId, header: `00-${traceId}-${spanId}-${sampled ? "01" : "00"}` };
}
