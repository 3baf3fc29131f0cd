import { z } from "zod";

/** Default limit for one request body, before and after gzip inflation (16 MiB). */
export const DEFAULT_OTLP_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** Config of the OTLP/HTTP receiver. Unknown keys are rejected. */
export const otlpHttpConfigSchema = z.strictObject({
  /** Interface to bind; "0.0.0.0" to accept remote clients. */
  host: z.string().min(1).default("127.0.0.1"),
  /** TCP port; 0 binds an ephemeral port (read it back from the receiver's `port`). */
  port: z.int().min(0).max(65535).default(4318),
  /** Upper bound of a request body in bytes, enforced on the wire size and on the inflated size. */
  maxRequestBytes: z.int().positive().default(DEFAULT_OTLP_MAX_REQUEST_BYTES),
  /**
   * Browser origins allowed to export (CORS), exact ("https://app.example.com") or "*".
   * Empty (default): no CORS headers, browsers cannot export cross-origin.
   */
  corsOrigins: z.array(z.string().min(1)).default([]),
});

export type OtlpHttpConfig = z.infer<typeof otlpHttpConfigSchema>;
