import { spawn, spawnSync } from "node:child_process";

/**
 * Size of the payloads compressed as one stream by Debian's `zstd` CLI (the archive baseline for
 * bytes on disk). Installs it with apt-get when missing and running as root.
 */
export interface ZstdFigure {
  level: number;
  inputBytes: number;
  outputBytes: number;
  ms: number;
  tool: string;
}

function version(out: string): string {
  return `zstd CLI ${/v\d+\.\d+\.\d+/.exec(out)?.[0] ?? out.trim()}`;
}

function ensureZstd(): string {
  const found = spawnSync("zstd", ["--version"], { encoding: "utf8" });
  if (found.status === 0) return version(found.stdout);
  if (process.getuid?.() === 0) {
    spawnSync("apt-get", ["install", "-y", "zstd"], { stdio: "inherit" });
    const again = spawnSync("zstd", ["--version"], { encoding: "utf8" });
    if (again.status === 0) return version(again.stdout);
  }
  throw new Error("the storage baseline needs the zstd CLI: apt-get install -y zstd");
}

export async function zstdSize(requests: Uint8Array[], level = 3): Promise<ZstdFigure> {
  const tool = ensureZstd();
  const started = performance.now();
  const child = spawn("zstd", [`-${level}`, "-c", "-q"], { stdio: ["pipe", "pipe", "inherit"] });
  let outputBytes = 0;
  child.stdout.on("data", (c: Buffer) => (outputBytes += c.length));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  let inputBytes = 0;
  for (const r of requests) {
    inputBytes += r.byteLength;
    if (!child.stdin.write(r)) await new Promise((resolve) => child.stdin.once("drain", resolve));
  }
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`zstd exited with code ${code}`);
  return { level, inputBytes, outputBytes, ms: performance.now() - started, tool };
}
