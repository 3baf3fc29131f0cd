import { HttpClient } from "./http-client.js";

/**
 * Bare SQL against the bench's clickhouse-server over its HTTP interface (one keep-alive
 * connection, user `default`): the ClickHouse query baselines and the bench's own bookkeeping
 * (parts, counts, OPTIMIZE). Statements are the bench's own text; the only values inlined are
 * the bench's constants and ids, through `chString`/`chUInt`.
 */
export class DirectClickHouse {
  private readonly http: HttpClient;

  constructor(url: string) {
    this.http = new HttpClient(url, 1);
  }

  /** Runs one statement; returns the response text. Throws with ClickHouse's message on failure. */
  async exec(sql: string, timeoutMs = 600_000): Promise<string> {
    const res = await this.http.send("POST", "/", Buffer.from(sql), { "content-type": "text/plain" }, timeoutMs);
    const text = res.body.toString("utf8");
    if (res.status !== 200) throw new Error(`clickhouse ${res.status} for ${sql.slice(0, 120).replace(/\s+/g, " ")}…: ${text.trim().slice(0, 500)}`);
    return text;
  }

  /** A SELECT's rows as JS objects (`FORMAT JSONEachRow` is appended; 64-bit integers arrive as strings). */
  async rows<T>(sql: string): Promise<T[]> {
    return parseJsonEachRow<T>(await this.exec(`${sql}\nFORMAT JSONEachRow`));
  }

  /**
   * Times a SELECT end to end — request sent, every row parsed into a JS object (as an API would
   * have to) — and returns the row count and the wall time in ms.
   */
  async time(sql: string): Promise<{ rows: number; ms: number }> {
    const started = performance.now();
    const rows = await this.rows<unknown>(sql);
    return { rows: rows.length, ms: performance.now() - started };
  }

  close(): void {
    this.http.close();
  }
}

export function parseJsonEachRow<T>(text: string): T[] {
  const out: T[] = [];
  for (const line of text.split("\n")) if (line.trim() !== "") out.push(JSON.parse(line) as T);
  return out;
}

/** A ClickHouse string literal: backslash and quote escaped (the server reads `\\` and `\'`). */
export function chString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** An unsigned integer literal; refuses anything that is not one (a negative, a fraction, NaN). */
export function chUInt(value: bigint | number): string {
  const n = BigInt(value);
  if (n < 0n || n >= 1n << 64n) throw new RangeError(`not a UInt64: ${value}`);
  return n.toString();
}

/** The two big-endian UInt64 halves ClickHouse stores a 16-byte trace id as (trace_id_hi, trace_id_lo). */
export function traceIdHalves(hex: string): { hi: string; lo: string } {
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new RangeError(`not a 32-digit hex trace id: ${hex}`);
  return { hi: BigInt(`0x${hex.slice(0, 16)}`).toString(), lo: BigInt(`0x${hex.slice(16)}`).toString() };
}
