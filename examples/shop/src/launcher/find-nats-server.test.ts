import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
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
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("finds nats-server on PATH first", () => {
    expect(findNatsServer(undefined, `/nonexistent:${dir}`)).toBe(join(dir, "nats-server"));
  });

  it("uses an explicit path when it is executable", () => {
    expect(findNatsServer(join(dir, "nats-server"))).toBe(join(dir, "nats-server"));
  });

  it("rejects an explicit path that is missing or not executable, telling how to install", () => {
    for (const path of [join(dir, "missing"), join(dir, "not-executable")]) {
      const find = () => findNatsServer(path);
      expect(find).toThrow(NatsServerMissingError);
      expect(find).toThrow(/nats-server is not installed: run "apt-get install -y nats-server" \(Debian\) or put nats-server on PATH/);
    }
  });

  it("has the stable code callers react to", () => {
    try {
      findNatsServer(join(dir, "missing"));
      expect.unreachable();
    } catch (error) {
      expect((error as NatsServerMissingError).code).toBe("SKEIN_ERR_NATS_SERVER_MISSING");
    }
  });
});
