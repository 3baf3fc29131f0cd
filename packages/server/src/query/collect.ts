/**
 * Drains a chunked reader stream into one array of at most `limit` items, then stops reading
 * (the iterator is closed, so the adapter can release its cursor). Readers promise the limit
 * already; this keeps the API's bound even if one does not.
 */
export async function collectChunks<T>(chunks: AsyncIterable<T[]>, limit: number = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  if (limit <= 0) return out;
  for await (const chunk of chunks) {
    for (const item of chunk) {
      out.push(item);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
