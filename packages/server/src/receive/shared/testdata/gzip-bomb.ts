import { createGzip } from "node:zlib";

/**
 * A gzip stream of `inflatedBytes` zero bytes (~1000:1), built 1 MiB at a time so the test
 * itself never holds the inflated size.
 */
export async function gzipBomb(inflatedBytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    gzip.on("end", resolve);
    gzip.on("error", reject);
  });
  const zero = Buffer.alloc(1 << 20);
  for (let left = inflatedBytes; left > 0; left -= zero.length) {
    if (!gzip.write(left >= zero.length ? zero : zero.subarray(0, left))) await new Promise((resolve) => gzip.once("drain", resolve));
  }
  gzip.end();
  await done;
  return Buffer.concat(out);
}

/** Samples `process.memoryUsage().arrayBuffers` every few ms while `work` runs; returns the peak growth. */
export async function peakArrayBufferGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growthBytes: number }> {
  const base = process.memoryUsage().arrayBuffers;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
  }, 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    return { result, growthBytes: peak - base };
  } finally {
    clearInterval(timer);
  }
}
