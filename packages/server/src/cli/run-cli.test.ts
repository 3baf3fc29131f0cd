import { describe, expect, it } from "vitest";
import { CONFIG_KEYS } from "../config/config-keys.js";
import type { CliIo } from "./cli-io.js";
import { runCli } from "./run-cli.js";

async function run(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
    cwd: process.cwd(),
  };
  const status = await runCli(["node", "skein", ...args], io);
  return { status, stdout, stderr };
}

describe("skein CLI", () => {
  it("skein start --help documents every flag with its env variable and default", async () => {
    const { status, stdout: raw } = await run("start", "--help");
    expect(status).toBe(0);
    const stdout = raw.replace(/\s+/g, " "); // help wraps at the terminal width
    for (const spec of CONFIG_KEYS) {
      expect(stdout).toContain(spec.flag);
      expect(stdout).toContain(`env ${spec.env}`);
    }
    expect(stdout).toContain("--config <file>");
    expect(stdout).toContain("default 16686");
    expect(stdout).toContain("default 16MiB");
    expect(stdout).toContain("default 1GiB");
    expect(stdout).toContain("default 127.0.0.1");
  });

  it("skein --help lists the start command and every key, flag and env variable", async () => {
    const { status, stdout } = await run("--help");
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\s+start\b/m);
    for (const spec of CONFIG_KEYS) {
      expect(stdout).toMatch(new RegExp(`${spec.key}\\s+${spec.flag.split(" ")[0]}\\s+${spec.env}\\s+\\S`));
    }
  });

  it("exits 2 on an unknown flag", async () => {
    const { status, stderr } = await run("start", "--htp-port", "1");
    expect(status).toBe(2);
    expect(stderr).toContain("--htp-port");
  });

  it("exits 2 on a bad value, naming the key and what is allowed, before starting anything", async () => {
    const { status, stderr, stdout } = await run("start", "--http-port", "eighty");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('httpPort "eighty" (from flag --http-port)');
    expect(stderr).toContain("allowed: an integer from 0 to 65535");
  });

  it("exits 2 on a missing flag value", async () => {
    expect((await run("start", "--data-dir")).status).toBe(2);
  });
});
