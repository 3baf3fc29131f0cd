// A palette readable on the light background; colour-blind users also get the service name in
// every row, never colour alone. 24 hues spread around the wheel at two lightness levels.
const PALETTE = [
  "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#e15759", "#76b7b2", "#edc948", "#9c755f",
  "#ff9da7", "#5b8ff9", "#61ddaa", "#7262fd", "#78d3f8", "#9661bc", "#f6903d", "#008685",
  "#f08bb4", "#bab0ac", "#86bcb6", "#d4a6c8", "#8cd17d", "#b6992d", "#499894", "#d37295",
];

/** Colours handed out in this page session: sticky, so a service keeps its colour across pages. */
const assigned = new Map<string, string>();
const uses: number[] = PALETTE.map(() => 0);

/**
 * The colour of a service. Its hash picks a preferred slot; when that colour is already taken by
 * another service, the next least-used colour is given instead, so up to 24 services in one
 * session never share a colour (a bare hash collided often: checkout and payment did).
 *
 * What is guaranteed: once given, a colour never changes for the rest of the page session (every
 * page and view agrees); distinct services get distinct colours until all 24 are in use. What is
 * NOT guaranteed: the same colour in another session. The assignment depends on the order services
 * are first seen; the app registers the services list (registerServices, in name order) as soon as
 * it arrives, so in the usual case colours follow the sorted list, but a service drawn before the
 * list arrived (a trace opened directly by URL) keeps the colour it was given first.
 */
export function serviceColor(service: string): string {
  const known = assigned.get(service);
  if (known !== undefined) return known;
  const fewest = Math.min(...uses);
  const preferred = hashSlot(service);
  let slot = preferred;
  for (let step = 0; step < PALETTE.length; step++) {
    const candidate = (preferred + step) % PALETTE.length;
    if (uses[candidate] === fewest) {
      slot = candidate;
      break;
    }
  }
  uses[slot]!++;
  const color = PALETTE[slot]!;
  assigned.set(service, color);
  return color;
}

/**
 * Assigns colours in name order to the services not coloured yet (ServicesProvider calls it with the
 * services API list when it arrives); services already coloured keep theirs.
 */
export function registerServices(services: readonly string[]): void {
  for (const service of [...services].sort()) serviceColor(service);
}

/** FNV-1a, then a murmur3 finalizer to spread names that differ in one letter. */
function hashSlot(service: string): number {
  let hash = 2166136261;
  for (let i = 0; i < service.length; i++) hash = Math.imul(hash ^ service.charCodeAt(i), 16777619);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) % PALETTE.length;
}
