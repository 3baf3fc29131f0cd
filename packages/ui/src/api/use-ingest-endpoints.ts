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

/**
 * Where to send OTLP in one phrase for hints: "OTLP/HTTP at http://h:4318 or OTLP/gRPC at h:4317",
 * leaving out a receiver that is off (port null) and saying so.
 */
export function describeIngest({ host, otlpHttpPort, otlpGrpcPort }: IngestEndpoints): string {
  const http = otlpHttpPort !== null ? `OTLP/HTTP at http://${host}:${otlpHttpPort}` : undefined;
  const grpc = otlpGrpcPort !== null ? `OTLP/gRPC at ${host}:${otlpGrpcPort}` : undefined;
  if (http !== undefined && grpc !== undefined) return `${http} or ${grpc}`;
  if (http !== undefined) return `${http} (the OTLP/gRPC receiver is off)`;
  if (grpc !== undefined) return `${grpc} (the OTLP/HTTP receiver is off)`;
  return "no OTLP receiver: both are off in this Skein's configuration";
}
