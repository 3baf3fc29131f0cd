import { describe, expect, it } from "vitest";
import type { CliIo } from "../cli-io.js";
import { DemoStartError } from "./demo-errors.js";
import { ensureNatsServer, findNatsServer, type NatsInstallHost } from "./nats-server-install.js";

function io(path: string): CliIo & { err: () => string } {
  let err = "";
  return { stdout: { write: () => true }, stderr: { write: (text: string) => (err += text) }, env: { PATH: path }, cwd: "/", err: () => err };
}

/** A machine whose executables are `present`; apt-get "installs" nats-server at /usr/sbin when it succeeds. */
function host(options: { isRoot: boolean; present: string[]; aptStatus?: number }): NatsInstallHost & { runs: string[] } {
  const present = new Set(options.present);
  const runs: string[] = [];
  return {
    isRoot: options.isRoot,
    runs,
    isExecutable: async (path) => present.has(path),
    run: async (command, args) => {
      runs.push(`${command} ${args.join(" ")}`);
      const status = options.aptStatus ?? 0;
      if (status === 0 && args[0] === "install") present.add("/usr/sbin/nats-server");
      return status;
    },
  };
}

describe("findNatsServer", () => {
  it("prefers PATH, then Debian's locations", async () => {
    expect(await findNatsServer({ PATH: "/opt/bin:/usr/local/bin" }, host({ isRoot: false, present: ["/usr/local/bin/nats-server", "/usr/sbin/nats-server"] }))).toBe("/usr/local/bin/nats-server");
    expect(await findNatsServer({ PATH: "/opt/bin" }, host({ isRoot: false, present: ["/usr/sbin/nats-server"] }))).toBe("/usr/sbin/nats-server");
    expect(await findNatsServer({}, host({ isRoot: false, present: [] }))).toBeUndefined();
  });
});

describe("ensureNatsServer", () => {
  it("uses an installed nats-server without running apt-get", async () => {
    const machine = host({ isRoot: true, present: ["/usr/bin/nats-server"] });
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

  it("prints the exact command when not root", async () => {
    const machine = host({ isRoot: false, present: [] });
    const failure = ensureNatsServer(io("/bin"), machine);
    await expect(failure).rejects.toBeInstanceOf(DemoStartError);
    await expect(failure).rejects.toThrow('sudo sh -c "apt-get update && apt-get install -y nats-server"');
    expect(machine.runs).toEqual([]);
  });

  it("reports a failing apt-get with the command to run by hand", async () => {
    const failure = ensureNatsServer(io("/bin"), host({ isRoot: true, present: [], aptStatus: 100 }));
    await expect(failure).rejects.toThrow("apt-get update failed (exit 100); run it by hand: apt-get update && apt-get install -y nats-server");
  });
});
