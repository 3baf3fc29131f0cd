import { spawn } from "node:child_process";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../../../../..");

/**
 * Runs testdata/spooling-writer.ts and SIGKILLs it once it has acknowledged `acks` writes;
 * returns the name prefixes (`<stream>-<n>`) of every write it acknowledged.
 */
export async function killSpoolingWriterAfter(acks: number, spoolDir: string, url: string, database: string): Promise<string[]> {
  const child = spawn(join(root, "node_modules/.bin/vite-node"), ["--config", join(root, "vitest.config.ts"), join(here, "spooling-writer.ts"), spoolDir, url, database], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((done) => child.once("exit", done));
  const acked = new Set<string>();
  let buffer = "";
  await new Promise<void>((done, fail) => {
    child.once("exit", (code) => fail(new Error(`the spooling writer exited early with ${code}`)));
    child.stdout!.on("data", (data: Buffer) => {
      buffer += data.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith("ACK ")) acked.add(line.slice(4));
      if (acked.size >= acks && child.exitCode === null) {
        child.kill("SIGKILL");
        done();
      }
    });
  });
  await exited;
  return [...acked];
}
