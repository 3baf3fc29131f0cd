/** Whether and how a notification reached its webhook (the event's `delivery`). */
export interface WebhookDelivery {
  ok: boolean;
  /** HTTP status of the last answer; null when none came. */
  status: number | null;
  /** Why the last attempt failed; null on success. Never contains the URL (Slack's carries its secret). */
  error: string | null;
  attempts: number;
}

export interface WebhookDeliveryOptions {
  /** Defaults to the global fetch; tests inject one. */
  fetch?: typeof fetch;
  /** Per attempt; default 5 s. */
  timeoutMs?: number;
  /** Default 3. */
  attempts?: number;
  /** Wait before attempt n + 2 is backoffMs[n] (the last entry repeats); default 1 s, 2 s. */
  backoffMs?: readonly number[];
  /** Aborts the attempt in flight and the waits (server shutdown). */
  signal?: AbortSignal;
}

export const WEBHOOK_TIMEOUT_MS = 5_000;
export const WEBHOOK_ATTEMPTS = 3;
export const WEBHOOK_BACKOFF_MS: readonly number[] = [1_000, 2_000];

/**
 * POSTs `payload` as JSON. A 2xx answer is success. A network error, a timeout, 408, 429 or 5xx is
 * retried after a backoff up to `attempts` in all; any other status (the receiver refused the
 * payload) is final. Redirects are not followed (a webhook URL should be the final one). Never
 * rejects: the outcome is the result. Worst case with the defaults ≈ 3 × 5 s + 3 s.
 */
export async function deliverWebhook(url: string, payload: unknown, options: WebhookDeliveryOptions = {}): Promise<WebhookDelivery> {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const attempts = Math.max(1, options.attempts ?? WEBHOOK_ATTEMPTS);
  const backoff = options.backoffMs ?? WEBHOOK_BACKOFF_MS;
  const body = JSON.stringify(payload);
  let last: WebhookDelivery = { ok: false, status: null, error: "not attempted", attempts: 0 };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (options.signal?.aborted) return { ...last, error: "not delivered: the server is shutting down" };
    const { retry, ...outcome } = await attemptOnce(doFetch, url, body, timeoutMs, options.signal);
    last = { ...outcome, attempts: attempt };
    if (outcome.ok || !retry || attempt === attempts) break;
    await sleep(backoff[Math.min(attempt - 1, backoff.length - 1)] ?? 0, options.signal);
  }
  return last;
}

async function attemptOnce(
  doFetch: typeof fetch,
  url: string,
  body: string,
  timeoutMs: number,
  shutdown: AbortSignal | undefined,
): Promise<Omit<WebhookDelivery, "attempts"> & { retry: boolean }> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = shutdown === undefined ? timeout : AbortSignal.any([timeout, shutdown]);
  try {
    const response = await doFetch(url, { method: "POST", headers: { "content-type": "application/json" }, body, signal, redirect: "manual" });
    await response.body?.cancel().catch(() => {});
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, error: null, retry: false };
    const retry = response.status === 408 || response.status === 429 || response.status >= 500;
    return { ok: false, status: response.status, error: `the webhook answered HTTP ${response.status}`, retry };
  } catch (error) {
    if (shutdown?.aborted) return { ok: false, status: null, error: "not delivered: the server is shutting down", retry: false };
    if (timeout.aborted) return { ok: false, status: null, error: `no answer within ${timeoutMs / 1000} s`, retry: true };
    return { ok: false, status: null, error: `the webhook could not be reached: ${networkReason(error)}`, retry: true };
  }
}

/** The cause's code or message (undici wraps it as `fetch failed`), without the URL. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === "string") return cause.code;
  const message = typeof cause?.message === "string" ? cause.message : error instanceof Error ? error.message : String(error);
  return message.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>").slice(0, 200);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
