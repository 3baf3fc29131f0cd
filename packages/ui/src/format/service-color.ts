// A palette readable on the light background, distinct for neighbouring services; colour-blind
// users also get the service name in every row, never colour alone.
const PALETTE = [
  "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7",
  "#5b8ff9", "#61ddaa", "#7262fd", "#78d3f8", "#9661bc", "#f6903d", "#008685", "#f08bb4",
];

/** The colour of a service: stable across pages and reloads (a hash of the name), not of list order. */
export function serviceColor(service: string): string {
  let hash = 2166136261;
  for (let i = 0; i < service.length; i++) hash = Math.imul(hash ^ service.charCodeAt(i), 16777619);
  return PALETTE[(hash >>> 0) % PALETTE.length]!;
}
