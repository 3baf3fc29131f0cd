/**
 * The bench's own span shape: just what the generator produces and what the OTLP encoder and the
 * DuckDB-append baseline consume. Deliberately independent of @skein/model so the bench measures
 * Skein from the outside (over the wire) and keeps working while the model evolves.
 */

/** number = OTLP intValue (always an integer here), string, bool. */
export type GenValue = string | boolean | number;

export interface GenAttribute {
  key: string;
  value: GenValue;
}

export interface GenEvent {
  /** ns since the Unix epoch */
  timeNs: bigint;
  name: string;
  attributes: GenAttribute[];
}

export interface GenSpan {
  traceId: Uint8Array;
  spanId: Uint8Array;
  /** null for a trace's root span */
  parentSpanId: Uint8Array | null;
  name: string;
  /** OTLP SpanKind number (1 internal, 2 server, 3 client, 4 producer, 5 consumer) */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: GenAttribute[];
  events: GenEvent[];
  /** OTLP StatusCode number (0 unset, 1 ok, 2 error) */
  statusCode: number;
  statusMessage: string;
  /** resource service.name; spans of one service share its GenResource */
  service: string;
  scope: string;
}

/** Resource attributes of one service (shared by all its spans). */
export interface GenResource {
  service: string;
  attributes: GenAttribute[];
}

export const KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export const STATUS = { UNSET: 0, OK: 1, ERROR: 2 } as const;
