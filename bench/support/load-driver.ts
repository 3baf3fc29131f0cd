import { HttpClient } from "./http-client.js";
import { summarize } from "./latency.js";
import type { LatencySummary } from "./latency.js";
import { rejectedSpans } from "./otlp-proto.js";
import { Progress } from "./progress.js";

export interface LoadResult {
  requests: number;
  okRequests: number;
  /** non-2xx responses and transport errors, by status ("error" for no response) */
  failures: Record<string, number>;
  /** spans in 2xx requests minus partial-success rejections: what the server committed */
  committedSpans: number;
  rejectedSpans: number;
  /** first request sent → last response received */
  elapsedMs: number;
  /** a few failure messages, for the report */
  errorSamples: string[];
  /** per-request latency (send → response body), ms; with "ack after commit" this is commit latency */
  requestLatencyMs?: LatencySummary;
}

/**
 * POSTs every payload once to `<otlpHttpUrl>/v1/traces` as application/x-protobuf from `clients`
 * concurrent keep-alive connections, each taking the next unsent payload. No retries: a
 * non-2xx answer counts as a failure, so overload shows up in the result instead of being hidden.
 */
export async function sendAll(otlpHttpUrl: string, requests: Uint8Array[], spanCounts: number[], clients: number, onTick?: () => string): Promise<LoadResult> {
  const http = new HttpClient(otlpHttpUrl, clients);
  const result: LoadResult = { requests: requests.length, okRequests: 0, failures: {}, committedSpans: 0, rejectedSpans: 0, elapsedMs: 0, errorSamples: [] };
  const total = spanCounts.reduce((s, n) => s + n, 0);
  const progress = new Progress("sending to /v1/traces", total, "spans");
  let next = 0;
  let done = 0;
  const latencies: number[] = [];
  const fail = (key: string, message: string): void => {
    result.failures[key] = (result.failures[key] ?? 0) + 1;
    if (result.errorSamples.length < 5) result.errorSamples.push(message);
  };
  const worker = async (): Promise<void> => {
    for (let i = next++; i < requests.length; i = next++) {
      try {
        const res = await http.send("POST", "/v1/traces", requests[i], { "content-type": "application/x-protobuf" });
        latencies.push(res.ms);
        if (res.status >= 200 && res.status < 300) {
          const rejected = rejectedSpans(res.body);
          result.okRequests++;
          result.rejectedSpans += rejected;
          result.committedSpans += spanCounts[i]! - rejected;
        } else {
          fail(String(res.status), `HTTP ${res.status}: ${res.body.toString("utf8").slice(0, 200)}`);
        }
      } catch (error) {
        fail("error", (error as Error).message);
      }
      done += spanCounts[i]!;
      progress.update(done, onTick?.() ?? "");
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  result.elapsedMs = performance.now() - started;
  result.requestLatencyMs = summarize(latencies);
  progress.done(onTick?.() ?? "");
  http.close();
  return result;
}
