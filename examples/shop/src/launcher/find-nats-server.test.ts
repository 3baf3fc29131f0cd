import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NatsServerMissingError } from "../errors.js";
import { findNatsServer } from "./find-nats-server.js";

describe("findNatsServer", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "skein-find-nats-"));
    await writeFile(join(dir, "nats-server"), "#!/bin/sh\n");
    await chmod(join(dir, "nats-server"), 0o755);
    await writeFile(join(dir, "not-executable"), "");
    await mkdir(join(dir, "a-directory"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("finds nats-server on PATH first", () => {
    expect(findNatsServer(undefined, { pathVariable: `/nonexistent:${dir}` })).toBe(join(dir, "nats-server"));
  });

  it("falls back to Debian's /usr/sbin, then /usr/bin", () => {
    const present = new Set(["/usr/sbin/nats-server", "/usr/bin/nats-server"]);
    expect(findNatsServer(undefined, { pathVariable: "/opt/bin", isExecutable: (path) => present.has(path) })).toBe("/usr/sbin/nats-server");
    present.delete("/usr/sbin/nats-server");
    expect(findNatsServer(undefined, { pathVariable: "", isExecutable: (path) => present.has(path) })).toBe("/usr/bin/nats-server");
  });

  it("uses an explicit path when it is an executable file", () => {
    expect(findNatsServer(join(dir, "nats-server"))).toBe(join(dir, "nats-server"));
  });

  it("rejects an explicit path that is missing, not executable or a directory, naming it", () => {
    for (const path of [join(dir, "missing"), join(dir, "not-executable"), join(dir, "a-directory")]) {
      const find = () => findNatsServer(path);
      expect(find).toThrow(NatsServerMissingError);
      expect(find).toThrow(`${path} is not an executable file`);
    }
  });

  it("says how to install nats-server when there is none, with the stable code callers react to", () => {
    const find = () => findNatsServer(undefined, { pathVariable: dir.replace(/$/, "-elsewhere"), isExecutable: () => false });
    expect(find).toThrow(
      'nats-server is not installed (looked on PATH and in /usr/sbin, /usr/bin): install it with "apt-get update && apt-get install -y nats-server" (Debian/Ubuntu, as root) or put nats-server on PATH',
    );
    try {
      find();
      expect.unreachable();
    } catch (error) {
      expect((error as NatsServerMissingError).code).toBe("SKEIN_ERR_NATS_SERVER_MISSING");
    }
  });
});
