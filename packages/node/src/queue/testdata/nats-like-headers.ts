/**
 * Behaves like NATS `MsgHdrs` (nats.js 2.x) where it matters to propagation: `get` answers ""
 * (not undefined) for a missing key and matches keys exactly; `keys()` lists them; values are
 * string arrays inside.
 */
export class NatsLikeHeaders {
  private readonly values = new Map<string, string[]>();

  get(key: string): string {
    return this.values.get(key)?.[0] ?? "";
  }
  has(key: string): boolean {
    return this.values.has(key);
  }
  set(key: string, value: string): void {
    if (!/^[\x21-\x39\x3b-\x7e]+$/.test(key)) throw new Error(`invalid header name ${JSON.stringify(key)}`);
    this.values.set(key, [value]);
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
}
