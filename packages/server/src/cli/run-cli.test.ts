import { createServer } from "node:net";
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
    expect(stdout).toContain("--retention <duration> remove spans and logs older than this, a whole number of d (days), h (hours) or m (minutes), e.g. 7d;");
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

  it("skein start --help documents --demo as a start-only flag", async () => {
    const { stdout } = await run("start", "--help");
    expect(stdout.replace(/\s+/g, " ")).toContain("--demo once ready, also run the demo shop");
  });
});

describe("skein demo CLI", () => {
  it("--help documents every option and its default", async () => {
    const { status, stdout: raw } = await run("demo", "--help");
    expect(status).toBe(0);
    const stdout = raw.replace(/\s+/g, " ");
    for (const flag of ["--api-url <url>", "--otlp-endpoint <url>", "--rate <orders>", "--duration <duration>", "--decline-rate <share>", "--slow-rate <share>", "--checkout-retry", "--quiet"]) {
      expect(stdout).toContain(flag);
    }
    expect(stdout).toContain("env SKEIN_API_URL, default http://127.0.0.1:16686");
    expect(stdout).toContain("(default 5)");
    expect(stdout).toContain("until Ctrl-C");
  });

  it("skein --help lists the demo command", async () => {
    expect((await run("--help")).stdout).toMatch(/^\s+demo\b/m);
  });

  it("exits 2 on a bad value before contacting Skein", async () => {
    const { status, stderr, stdout } = await run("demo", "--rate", "0", "--api-url", "http://127.0.0.1:1");
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain('skein demo: --rate "0" is not a rate');
    expect(stderr).toContain('Run "skein demo --help"');
  });

  it("exits 1 with what to do when no Skein answers at --api-url", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const { status, stderr } = await run("demo", "--api-url", `http://127.0.0.1:${port}`);
    expect(status).toBe(1);
    expect(stderr).toBe(`skein demo: no Skein at http://127.0.0.1:${port}: start it with \`npm start\` (or pass --api-url)\n`);
  });
});
