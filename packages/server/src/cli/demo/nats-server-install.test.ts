import { describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { DemoStartError } from "./demo-errors.js";
import { ensureNatsServer, type NatsInstallHost } from "./nats-server-install.js";

function io(path: string): CliIo & { err: () => string } {
  let err = "";
  return { stdout: { write: () => true }, stderr: { write: (text: string) => (err += text) }, env: { PATH: path }, cwd: "/", err: () => err };
}

/**
 * A machine whose executables are `present`; apt-get "installs" nats-server at /usr/sbin when it
 * succeeds, or does not exist at all (`noAptGet`).
 */
function host(options: { isRoot: boolean; present: string[]; aptStatus?: number; noAptGet?: boolean }): NatsInstallHost & { runs: string[] } {
  const present = new Set(options.present);
  const runs: string[] = [];
  return {
    isRoot: options.isRoot,
    runs,
    isExecutable: (path) => present.has(path),
    run: async (command, args) => {
      if (options.noAptGet) throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: "ENOENT" });
      runs.push(`${command} ${args.join(" ")}`);
      const status = options.aptStatus ?? 0;
      if (status === 0 && args[0] === "install") present.add("/usr/sbin/nats-server");
      return status;
    },
  };
}

describe("ensureNatsServer", () => {
  it("uses an installed nats-server, on PATH first, without running apt-get", async () => {
    const machine = host({ isRoot: true, present: ["/usr/local/bin/nats-server", "/usr/bin/nats-server"] });
    expect(await ensureNatsServer(io("/opt/bin:/usr/local/bin"), machine)).toBe("/usr/local/bin/nats-server");
    expect(await ensureNatsServer(io("/bin"), machine)).toBe("/usr/bin/nats-server");
    expect(machine.runs).toEqual([]);
  });

  it("installs Debian's package as root, saying so", async () => {
    const machine = host({ isRoot: true, present: [] });
    const output = io("/bin");
    expect(await ensureNatsServer(output, machine)).toBe("/usr/sbin/nats-server");
    expect(machine.runs).toEqual(["apt-get update", "apt-get install -y nats-server"]);
    expect(output.err()).toContain("nats-server is missing: running apt-get update && apt-get install -y nats-server");
  });

  it("prints the shop's message with the one install command when not root", async () => {
    const machine = host({ isRoot: false, present: [] });
    const failure = ensureNatsServer(io("/bin"), machine);
    await expect(failure).rejects.toBeInstanceOf(DemoStartError);
    await expect(failure).rejects.toThrow(
      'nats-server is not installed (looked on PATH and in /usr/sbin, /usr/bin): install it with "apt-get update && apt-get install -y nats-server" (Debian/Ubuntu, as root) or put nats-server on PATH',
    );
    expect(machine.runs).toEqual([]);
  });

  it("reports a failing apt-get with the command to run by hand", async () => {
    const failure = ensureNatsServer(io("/bin"), host({ isRoot: true, present: [], aptStatus: 100 }));
    await expect(failure).rejects.toThrow("apt-get update failed (exit 100); run it by hand: apt-get update && apt-get install -y nats-server");
  });

  it("says to use another package manager on a root machine without apt-get", async () => {
    const failure = ensureNatsServer(io("/bin"), host({ isRoot: true, present: [], noAptGet: true }));
    await expect(failure).rejects.toBeInstanceOf(DemoStartError);
    await expect(failure).rejects.toThrow(/^apt-get not found: install nats-server with your package manager or put it on PATH$/);
  });
});
