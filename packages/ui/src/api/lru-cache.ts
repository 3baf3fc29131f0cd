/**
 * A tiny least-recently-used map with a fixed capacity: `get` and `set` make an entry the newest;
 * setting beyond the capacity drops the oldest. Used for module-level memories that must stay
 * bounded for the whole page session (answers and view state per history entry).
 */
export class LruCache<V> {
  private readonly map = new Map<string, V>();

  constructor(readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Oldest first (the order `set` would rebuild the same cache in). */
  entries(): [string, V][] {
    return [...this.map];
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
