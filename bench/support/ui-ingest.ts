import type { GenResource } from "./gen-span.js";
import { HttpClient } from "./http-client.js";
import { encodeTracesRequest, rejectedSpans } from "./otlp-proto.js";
import type { BigTrace, BigTraceLog } from "./ui-trace-generator.js";

/** Spans per OTLP/HTTP protobuf request: ~2 MB, well under the server's 16 MiB default limit. */
const SPANS_PER_REQUEST = 5_000;
const LOGS_PER_REQUEST = 2_000;

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

function resourceOf(service: string): GenResource {
  return { service, attributes: [{ key: "service.name", value: service }, { key: "deployment.environment.name", value: "bench" }] };
}

/** OTLP/JSON logs request (ids as hex, times as decimal strings), one ResourceLogs per service. */
function logsRequest(logs: BigTraceLog[]): string {
  const byService = new Map<string, BigTraceLog[]>();
  for (const l of logs) {
    const list = byService.get(l.service);
    if (list) list.push(l);
    else byService.set(l.service, [l]);
  }
  return JSON.stringify({
    resourceLogs: [...byService].map(([service, list]) => ({
      resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
      scopeLogs: [{
        scope: { name: "bench-ui" },
        logRecords: list.map((l) => ({
          timeUnixNano: l.timeNs.toString(), observedTimeUnixNano: l.timeNs.toString(),
          severityNumber: l.severityNumber, severityText: l.severityText, body: { stringValue: l.body },
          traceId: hex(l.traceId), spanId: hex(l.spanId),
        })),
      }],
    })),
  });
}

/**
 * Sends a big trace's spans (protobuf) and logs (JSON) to `<otlpHttpUrl>/v1/*` in chunks and throws
 * unless every request was a 2xx with nothing rejected: the scenario must measure the whole trace.
 */
export async function ingestBigTrace(otlpHttpUrl: string, trace: BigTrace): Promise<{ wireBytes: number }> {
  const http = new HttpClient(otlpHttpUrl, 2);
  let wireBytes = 0;
  try {
    for (let i = 0; i < trace.spans.length; i += SPANS_PER_REQUEST) {
      const body = encodeTracesRequest(trace.spans.slice(i, i + SPANS_PER_REQUEST), resourceOf);
      wireBytes += body.byteLength;
      const res = await http.send("POST", "/v1/traces", body, { "content-type": "application/x-protobuf" });
      if (res.status !== 200 || rejectedSpans(res.body) > 0) throw new Error(`POST /v1/traces answered ${res.status}: ${res.body.toString("utf8").slice(0, 300)}`);
    }
    for (let i = 0; i < trace.logs.length; i += LOGS_PER_REQUEST) {
      const body = Buffer.from(logsRequest(trace.logs.slice(i, i + LOGS_PER_REQUEST)));
      const res = await http.send("POST", "/v1/logs", body, { "content-type": "application/json" });
      if (res.status !== 200 || rejectedLogs(res.body.toString("utf8")) > 0) throw new Error(`POST /v1/logs answered ${res.status}: ${res.body.toString("utf8").slice(0, 300)}`);
    }
  } finally {
    http.close();
  }
  return { wireBytes };
}

/** `partialSuccess.rejectedLogRecords` of an OTLP/JSON logs response (0 when absent). */
function rejectedLogs(text: string): number {
  if (text.trim() === "") return 0;
  const body = JSON.parse(text) as { partialSuccess?: { rejectedLogRecords?: string | number } };
  return Number(body.partialSuccess?.rejectedLogRecords ?? 0);
}
