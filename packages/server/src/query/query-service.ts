import type {
  ApiLogsQuery,
  ApiOperationsResponse,
  ApiServicesResponse,
  ApiTraceResponse,
  ApiTraceSearchQuery,
  ApiTraceSearchResponse,
  ApiLogsResponse,
  Span,
} from "@skein/model";
import { bytesToHex, parseTraceIdHex } from "@skein/model";
import type { Storage } from "@skein/storage";
import { StorageUnavailableError } from "@skein/storage";
import { assertStorageCanEvaluate } from "./capability-check.js";
import { collectChunks } from "./collect.js";
import { TraceNotFoundError } from "./errors.js";
import { logToApi } from "./log-json.js";
import { buildLogQuery } from "./log-query.js";
import { spanToApi } from "./span-json.js";
import { summaryToApi } from "./summary-json.js";
import { assembleTrace } from "./trace-assembly.js";
import { buildTraceQuery } from "./trace-search-query.js";

/** ns since the Unix epoch; injectable so tests can pin "now" (default: the wall clock, ms precision). */
export type NanoClock = () => bigint;
export const systemNanoClock: NanoClock = () => BigInt(Date.now()) * 1_000_000n;

/** A trace id no real trace has: health probes look it up (an indexed point lookup in every adapter). */
const HEALTH_PROBE_TRACE_ID = parseTraceIdHex("5ce1a1e1e1e1e1e1e1e1e1e1e1e1e1e1");

/**
 * The native query API without HTTP: validated parameters in, API JSON shapes out. Throws coded
 * errors (InvalidParameterError, InvalidIdError, TraceNotFoundError, UnsupportedQueryError,
 * storage errors); the HTTP layer maps them to statuses. Every read takes the request's
 * AbortSignal so a closed connection stops the storage work.
 */
export class QueryService {
  constructor(
    private readonly storage: Storage,
    private readonly clock: NanoClock = systemNanoClock,
  ) {}

  /** Spans of one trace in display order; throws TraceNotFoundError when there are none. */
  async getTraceSpans(traceIdHex: string, signal?: AbortSignal): Promise<Span[]> {
    const traceId = parseTraceIdHex(traceIdHex);
    const spans = await assembleTrace(this.storage.traces.reader, traceId, signal);
    if (spans.length === 0) throw new TraceNotFoundError(bytesToHex(traceId));
    return spans;
  }

  async getTrace(traceIdHex: string, signal?: AbortSignal): Promise<ApiTraceResponse> {
    const spans = await this.getTraceSpans(traceIdHex, signal);
    return { traceId: bytesToHex(spans[0]!.traceId), spans: spans.map(spanToApi) };
  }

  async searchTraces(params: ApiTraceSearchQuery, signal?: AbortSignal): Promise<ApiTraceSearchResponse> {
    const query = buildTraceQuery(params, this.clock());
    assertStorageCanEvaluate(this.storage, query.spanFilter);
    const summaries = await collectChunks(this.storage.traces.reader.findTraces(query, signal), query.limit);
    return { traces: summaries.map(summaryToApi) };
  }

  async services(signal?: AbortSignal): Promise<ApiServicesResponse> {
    return { services: await this.storage.traces.reader.getServices(signal) };
  }

  async operations(service: string, signal?: AbortSignal): Promise<ApiOperationsResponse> {
    const operations = await this.storage.traces.reader.getOperations(service, signal);
    return { operations: operations.map((o) => ({ name: o.name, kind: o.kind })) };
  }

  async logs(params: ApiLogsQuery, signal?: AbortSignal): Promise<ApiLogsResponse> {
    const query = buildLogQuery(params, this.clock());
    const records = await collectChunks(this.storage.logs.reader.findLogs(query, signal), query.limit);
    return { logs: records.map(logToApi) };
  }

  /**
   * Resolves when the storage answers a point lookup within `timeoutMs`; otherwise throws
   * StorageUnavailableError (the cause is kept for the server log).
   */
  async checkHealth(timeoutMs = 2000): Promise<void> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      await Promise.race([
        collectChunks(this.storage.traces.reader.getTrace(HEALTH_PROBE_TRACE_ID, timeout), 1),
        new Promise((_, reject) => timeout.addEventListener("abort", () => reject(new Error(`no answer within ${timeoutMs} ms`)), { once: true })),
      ]);
    } catch (error) {
      throw new StorageUnavailableError(`the ${this.storage.kind} storage is not answering; the server log has the cause`, { cause: error });
    }
  }
}
