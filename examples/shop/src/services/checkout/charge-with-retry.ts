// Checkout's retry policy for charges. Only an answered 5xx is retried: the processor said it did
// not take the charge. A timeout or a lost connection is NOT retried, since the card may have been
// charged and the demo's payment API has no idempotency key.
import type { JsonAnswer } from "../shared/http-client.js";

/** Tries after the first one when retrying is on. */
export const CHARGE_RETRIES = 2;
/** Backoff before retry n (1-based) is n × this, in ms: 50 then 100. */
export const CHARGE_BACKOFF_MS = 50;

export interface ChargeOutcome {
  answer: JsonAnswer;
  /** How many charges were sent, 1 to 1 + CHARGE_RETRIES. */
  attempts: number;
}

export interface ChargeRetryOptions {
  retry: boolean;
  /** Called before each retry with the status that caused it. */
  onRetry?: (nextAttempt: number, status: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects with whatever `charge` rejects with (a DependencyError when payment gave no answer). */
export async function chargeWithRetry(
  charge: (attempt: number) => Promise<JsonAnswer>,
  { retry, onRetry, sleep = defaultSleep }: ChargeRetryOptions,
): Promise<ChargeOutcome> {
  const maxAttempts = retry ? 1 + CHARGE_RETRIES : 1;
  for (let attempt = 1; ; attempt++) {
    const answer = await charge(attempt);
    if (answer.status < 500 || attempt >= maxAttempts) return { answer, attempts: attempt };
    onRetry?.(attempt + 1, answer.status);
    await sleep(CHARGE_BACKOFF_MS * attempt);
  }
}
