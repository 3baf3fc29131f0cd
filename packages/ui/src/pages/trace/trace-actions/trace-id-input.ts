const HEX_ID = /^[0-9a-f]{1,32}$/;
const IN_URL = /\/trace\/([0-9a-fA-F]{1,32})(?:[/?#]|$)/;

/**
 * A trace id as a person pastes it: the id itself (any case, surrounding spaces), or a Skein trace
 * URL (`…/trace/{id}?span=…`). Returns the lowercase id, or undefined when it is not 1–32 hex
 * characters or is all zeros (what the API would refuse).
 */
export function parseTraceIdInput(text: string): string | undefined {
  const trimmed = text.trim();
  const candidate = (IN_URL.exec(trimmed)?.[1] ?? trimmed).toLowerCase();
  if (!HEX_ID.test(candidate) || /^0+$/.test(candidate)) return undefined;
  return candidate;
}

/** The compare page URL for traces `a` (the baseline) and `b`. */
export function compareHref(a: string, b: string): string {
  return `/compare?${new URLSearchParams({ a, b }).toString()}`;
}
