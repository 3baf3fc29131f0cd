/**
 * Bounds the request bodies an OTLP/HTTP receiver holds at once, so that many concurrent uploads
 * are refused (429) before their bodies are read, not after they filled the heap. Each request
 * reserves what its body may grow to: its declared length, or — when gzip-encoded or of unknown
 * length — up to the per-request limit. Reservations are released when the response ends.
 */
export class BodyBudget {
  #reserved = 0;

  constructor(readonly capacityBytes: number) {}

  get reservedBytes(): number {
    return this.#reserved;
  }

  /** Reserves `bytes` if they fit (a lone request always fits, so none is refused forever). */
  tryReserve(bytes: number): boolean {
    if (this.#reserved > 0 && this.#reserved + bytes > this.capacityBytes) return false;
    this.#reserved += bytes;
    return true;
  }

  release(bytes: number): void {
    this.#reserved = Math.max(0, this.#reserved - bytes);
  }
}

/** Inflated gzip bodies of OTLP are typically 5–10× their wire size. */
const GZIP_EXPANSION = 10;

/** What one request may hold in memory, from its headers, capped at the per-request limit. */
export function bodyReservation(declaredLength: number, gzip: boolean, maxRequestBytes: number): number {
  if (!Number.isFinite(declaredLength) || declaredLength < 0) return maxRequestBytes;
  return Math.min(maxRequestBytes, gzip ? declaredLength * GZIP_EXPANSION : declaredLength);
}

/** Bodies in flight per receiver: 8 maximal requests, and never less than 128 MiB. */
export function bodyBudgetCapacity(maxRequestBytes: number): number {
  return Math.max(8 * maxRequestBytes, 128 * 1024 * 1024);
}
