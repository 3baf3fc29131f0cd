import type { Consumer } from "../../../pipeline/consumer.js";

/**
 * A Consumer for receiver tests: records every batch it acknowledged and the AbortSignal it got.
 * `failWith` makes consume() reject (nothing recorded); `hold()` keeps consume() pending until
 * the returned release function is called.
 */
export class RecordingConsumer<T> implements Consumer<T> {
  readonly batches: T[] = [];
  readonly signals: (AbortSignal | undefined)[] = [];
  calls = 0;
  failWith: Error | undefined;
  #gate: Promise<void> | undefined;

  async consume(batch: T, signal?: AbortSignal): Promise<void> {
    this.calls += 1;
    this.signals.push(signal);
    if (this.#gate !== undefined) await this.#gate;
    if (this.failWith !== undefined) throw this.failWith;
    this.batches.push(batch);
  }

  hold(): () => void {
    let release = (): void => {};
    this.#gate = new Promise<void>((resolve) => {
      release = () => {
        this.#gate = undefined;
        resolve();
      };
    });
    return release;
  }
}

/** An error shaped like the pipeline's overload error (only the code matters to receivers). */
export function overloadedError(retryAfterSeconds?: number): Error {
  return Object.assign(new Error("queue full"), { code: "SKEIN_ERR_OVERLOADED", retryAfterSeconds });
}
