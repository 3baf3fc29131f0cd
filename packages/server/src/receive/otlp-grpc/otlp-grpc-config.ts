import { z } from "zod";
import { DEFAULT_OTLP_MAX_REQUEST_BYTES } from "../otlp-http/otlp-http-config.js";

/** Config of the OTLP/gRPC receiver. Unknown keys are rejected. */
export const otlpGrpcConfigSchema = z.strictObject({
  /** Interface to bind; "0.0.0.0" to accept remote clients. */
  host: z.string().min(1).default("127.0.0.1"),
  /** TCP port; 0 binds an ephemeral port (read it back from the receiver's `port`). */
  port: z.int().min(0).max(65535).default(4317),
  /**
   * Largest accepted message in bytes, compressed and after inflation (grpc-js enforces both);
   * larger ones fail with RESOURCE_EXHAUSTED.
   */
  maxRequestBytes: z.int().positive().default(DEFAULT_OTLP_MAX_REQUEST_BYTES),
});

export type OtlpGrpcConfig = z.infer<typeof otlpGrpcConfigSchema>;
