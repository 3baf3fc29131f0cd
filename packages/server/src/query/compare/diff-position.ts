import type { ApiTraceDiffEntry } from "@skein/model";

/** Joins the segments of a position path, root first. */
export const PATH_SEPARATOR = " > ";

/**
 * One segment of a position path: `service/operation#ordinal`. To keep paths unambiguous, `%`
 * and `>` are percent-encoded in both names, `/` in the service and `#` in the operation (so
 * `GET /cart` stays readable: the first `/` and the last `#` are the delimiters).
 */
export function pathSegment(service: string, operation: string, ordinal: number): string {
  const escapeService = service.replace(/[%/>]/g, (c) => encodeURIComponent(c));
  const escapeOperation = operation.replace(/[%#>]/g, (c) => encodeURIComponent(c));
  return `${escapeService}/${escapeOperation}#${ordinal}`;
}

/** Below this |b − a| two aligned spans are "unchanged" whatever their length: 100 µs. */
const MIN_CHANGE_NANO = 100_000n;

/** slower / faster when |b − a| exceeds max(5 % of a, 100 µs), else unchanged; computed exactly. */
export function durationStatus(aNano: bigint, bNano: bigint): ApiTraceDiffEntry["status"] {
  const delta = bNano - aNano;
  const magnitude = delta < 0n ? -delta : delta;
  if (magnitude <= MIN_CHANGE_NANO || magnitude * 100n <= aNano * 5n) return "unchanged";
  return delta > 0n ? "slower" : "faster";
}
