/**
 * Receives a batch and hands it on. Once consume() resolves the batch is durable downstream (for
 * the last consumer: committed to storage); the caller must not touch the batch afterwards. A
 * rejection means nothing of the batch may be acknowledged to the client.
 */
export interface Consumer<T> {
  consume(batch: T, signal?: AbortSignal): Promise<void>;
}
