import type { Consumer } from "../consumer.js";

/**
 * A Consumer test double: records the batches it accepts, and on request fails or hangs, so a
 * receiver's mapping of downstream outcomes (ack, error, overload, abort) can be tested without
 * storage.
 *
 * Every consume() call, whatever its outcome, records the AbortSignal it got (`signals`, `calls`).
 *
 * - normal: consume() records the batch and resolves.
 * - failWith(error): every later consume() rejects with `error` and records nothing;
 *   failWith(error, n): only the next n calls do, later ones are accepted again.
 * - hang(): every later consume() waits until release() (then records and resolves, or fails
 *   if failWith was called meanwhile) or until its AbortSignal fires (rejects with the reason,
 *   records nothing).
 */
export class SinkConsumer<T> implements Consumer<T> {
  /** Batches whose consume() resolved, in order. */
  readonly batches: T[] = [];
  /** The AbortSignal of every consume() call, in call order (undefined when none was passed). */
  readonly signals: (AbortSignal | undefined)[] = [];
  #error: Error | undefined;
  /** Calls left to fail with #error; Infinity = until succeed(). */
  #failures = 0;
  #hanging = false;
  readonly #waiters = new Set<() => void>();

  async consume(batch: T, signal?: AbortSignal): Promise<void> {
    this.signals.push(signal);
    signal?.throwIfAborted();
    if (this.#hanging) await this.#wait(signal);
    if (this.#error && this.#failures > 0) {
      this.#failures--;
      throw this.#error;
    }
    this.batches.push(batch);
  }

  failWith(error: Error, times = Infinity): void {
    this.#error = error;
    this.#failures = times;
  }

  /** Back to normal: later batches are accepted; hung ones stay hung until release(). */
  succeed(): void {
    this.#error = undefined;
    this.#failures = 0;
  }

  hang(): void {
    this.#hanging = true;
  }

  /** Lets every waiting consume() go on and stops hanging later ones. */
  release(): void {
    this.#hanging = false;
    for (const wake of [...this.#waiters]) wake();
  }

  /** How many times consume() was called, including calls that failed or are still hung. */
  get calls(): number {
    return this.signals.length;
  }

  /** How many consume() calls are hung right now. */
  get waiting(): number {
    return this.#waiters.size;
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve, reject) => {
      const wake = () => {
        this.#waiters.delete(wake);
        signal?.removeEventListener("abort", abort);
        resolve();
      };
      const abort = () => {
        this.#waiters.delete(wake);
        reject(signal?.reason);
      };
      this.#waiters.add(wake);
      signal?.addEventListener("abort", abort, { once: true });
    });
  }
}
