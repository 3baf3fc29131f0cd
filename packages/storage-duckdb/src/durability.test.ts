import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { DuckDbStorage } from "./duckdb-storage.js";
import { traceId } from "./testdata/fixtures.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../../..");

it("an acknowledged write survives SIGKILL of the writing process", async () => {
  const dir = await mkdtemp(join(tmpdir(), "skein-kill-"));
  try {
    const child = spawn(join(root, "node_modules/.bin/vite-node"), ["--config", join(root, "vitest.config.ts"), join(here, "testdata/kill-writer.ts"), dir], {
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
        if (acked >= 5) {
          child.kill("SIGKILL"); // right after an acknowledged write, mid-stream of more writes
          done();
        }
      });
    });
    await exited;
    const storage = new DuckDbStorage({ dataDir: dir });
    await storage.start();
    try {
      let count = 0;
      const names = new Set<string>();
      for await (const chunk of storage.traces.reader.getTrace(traceId(acked))) {
        count += chunk.length;
        for (const s of chunk) names.add(s.name);
      }
      expect(names.has(`b${acked}`)).toBe(true);
      expect(count).toBeGreaterThanOrEqual(100);
    } finally {
      await storage.shutdown();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
