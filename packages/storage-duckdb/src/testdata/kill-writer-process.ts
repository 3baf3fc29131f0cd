import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../../../..");

/**
 * Runs a writer script of testdata/ (default kill-writer.ts) in `dir` and SIGKILLs it right after
 * its `acks`-th acknowledged write; returns the last acked batch.
 */
export async function killWriterAfter(dir: string, acks: number, script = "kill-writer.ts"): Promise<number> {
  const child = spawn(join(root, "node_modules/.bin/vite-node"), ["--config", join(root, "vitest.config.ts"), join(here, script), dir], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((done) => child.once("exit", done));
  let acked = -1;
  let buffer = "";
  await new Promise<void>((done, fail) => {
    child.once("exit", (code) => fail(new Error(`writer exited early with ${code}`)));
    child.stdout!.on("data", (data: Buffer) => {
      buffer += data.toString();
      for (const match of buffer.matchAll(/ACK (\d+)\n/g)) acked = Math.max(acked, Number(match[1]));
      if (acked >= acks) {
        child.kill("SIGKILL");
        done();
      }
    });
  });
  await exited;
  return acked;
}
