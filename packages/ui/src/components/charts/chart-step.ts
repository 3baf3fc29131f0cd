/**
 * The window size of an insights chart over a range: a whole number of minutes (rollups are per
 * minute) giving at most `maxPoints` windows. Returned as the API's duration text (`"5m"`) and in ms.
 */
export function chooseStep(startMs: number, endMs: number, maxPoints: number): { text: string; ms: number } {
  const spanMs = Math.max(0, endMs - startMs);
  const minutes = Math.max(1, Math.ceil(spanMs / maxPoints / 60_000));
  const nice = NICE_MINUTES.find((m) => m >= minutes) ?? Math.ceil(minutes / 1440) * 1440;
  return { text: `${nice}m`, ms: nice * 60_000 };
}

/** Steps people read easily (1, 2, 5, 10, 15, 30 minutes, hours, a day). */
const NICE_MINUTES = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440];
