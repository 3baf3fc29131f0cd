import { api } from "./api-client.js";
import { useApi } from "./use-api.js";

/** Where this Skein ingests OTLP, as a browser on this page would reach it. */
export interface IngestEndpoints {
  /** The host the UI was loaded from (the receivers bind the same host as the UI). */
  host: string;
  otlpHttpPort: number | null;
  otlpGrpcPort: number | null;
  /** False until `/api/v1/status` answered; the ports are then the defaults 4318/4317. */
  confirmed: boolean;
}

/** The real OTLP ports from `/api/v1/status`, for "how to send data" hints. */
export function useIngestEndpoints(): IngestEndpoints {
  const state = useApi((signal) => api.status(signal), []);
  const host = typeof window === "undefined" ? "localhost" : window.location.hostname;
  if (state.status !== "ok") return { host, otlpHttpPort: 4318, otlpGrpcPort: 4317, confirmed: false };
  return { host, otlpHttpPort: state.data.ingest.otlpHttpPort, otlpGrpcPort: state.data.ingest.otlpGrpcPort, confirmed: true };
}

/** One OTLP receiver to point an SDK at. */
export interface IngestReceiver {
  protocol: "http" | "grpc";
  /** "OTLP/HTTP" or "OTLP/gRPC". */
  label: string;
  /** The SDK endpoint URL: `http://host:port`. */
  url: string;
  /** `host:port` (how a gRPC endpoint is usually written). */
  address: string;
}

/** The parts every "how to send data" hint is written from (the one place that decides what is off). */
export interface IngestHint {
  /** The receiver to use: OTLP/HTTP when it is on, else OTLP/gRPC; null when both are off. */
  primary: IngestReceiver | null;
  /** OTLP/gRPC as the other choice, when both receivers are on. */
  alternative: IngestReceiver | null;
  /** What is off, e.g. "the OTLP/gRPC receiver is off"; null when both are on. */
  offNote: string | null;
}

export function ingestHint({ host, otlpHttpPort, otlpGrpcPort }: IngestEndpoints): IngestHint {
  const http = otlpHttpPort === null ? null : receiver("http", host, otlpHttpPort);
  const grpc = otlpGrpcPort === null ? null : receiver("grpc", host, otlpGrpcPort);
  if (http !== null) return { primary: http, alternative: grpc, offNote: grpc === null ? "the OTLP/gRPC receiver is off" : null };
  if (grpc !== null) return { primary: grpc, alternative: null, offNote: "the OTLP/HTTP receiver is off" };
  return { primary: null, alternative: null, offNote: "both OTLP receivers (HTTP and gRPC) are off" };
}

function receiver(protocol: "http" | "grpc", host: string, port: number): IngestReceiver {
  return { protocol, label: protocol === "http" ? "OTLP/HTTP" : "OTLP/gRPC", url: `http://${host}:${port}`, address: `${host}:${port}` };
}

/**
 * Where to send OTLP in one phrase for hints: "OTLP/HTTP at http://h:4318 or OTLP/gRPC at h:4317",
 * leaving out a receiver that is off and saying so.
 */
export function describeIngest(endpoints: IngestEndpoints): string {
  const { primary, alternative, offNote } = ingestHint(endpoints);
  if (primary === null) return `no OTLP receiver: ${offNote ?? ""} in this Skein's configuration`;
  const at = (r: IngestReceiver) => `${r.label} at ${r.protocol === "http" ? r.url : r.address}`;
  return `${at(primary)}${alternative ? ` or ${at(alternative)}` : ""}${offNote ? ` (${offNote})` : ""}`;
}
