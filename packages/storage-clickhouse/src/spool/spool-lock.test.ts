import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";
import { makeSpan, traceIdOf } from "@skein/storage/testing";
import { encodeSpanWrite, newIngestId } from "../encoded-write.js";
import { Spool } from "./spool.js";
import { SpoolLockedError } from "./spool-lock.js";

// One process per spool directory: a second one would append to and delete the first one's
// segments (acknowledged writes lost).

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../../../..");

let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), "skein-spool-lock-")), "spool");
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await rm(join(dir, ".."), { recursive: true, force: true });
});

const write = (n: number) => encodeSpanWrite([makeSpan({ traceId: traceIdOf(n), name: `w${n}` })], newIngestId());

/** A child process holding the spool open (testdata/hold-spool.ts); resolves with it and its instance id once it holds it. */
async function holder(): Promise<{ child: ChildProcess; instance: string; exited: Promise<unknown> }> {
  const child = spawn(join(root, "node_modules/.bin/vite-node"), ["--config", join(root, "vitest.config.ts"), join(here, "testdata/hold-spool.ts"), dir], {
    cwd: root,
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  const exited = new Promise((done) => child.once("exit", done));
  const instance = await new Promise<string>((done, fail) => {
    child.once("exit", (code) => fail(new Error(`the holder exited early with ${code}`)));
    let out = "";
    child.stdout!.on("data", (data: Buffer) => {
      out += data.toString();
      const match = /OPEN (\S+)\n/.exec(out);
      if (match !== null) done(match[1]!);
    });
  });
  return { child, instance, exited };
}

it("refuses a second spool on the same directory in the same process until the first is closed; no acknowledged frame is lost", async () => {
  const a = new Spool(dir, 1 << 20);
  await a.open();
  await a.append(write(1));
  const b = new Spool(dir, 1 << 20);
  const refused = await b.open().then(() => undefined, (error: unknown) => error);
  expect(refused).toBeInstanceOf(SpoolLockedError);
  expect((refused as SpoolLockedError).code).toBe("SKEIN_ERR_CLICKHOUSE_SPOOL_LOCKED");
  expect((refused as Error).message).toContain(`another Skein process (pid ${process.pid}) uses this data dir: its ClickHouse spool ${dir} is locked by ${dir}.lock`);
  await b.close(); // a spool whose open() failed closes quietly
  await a.close();

  const c = new Spool(dir, 1 << 20);
  expect(await c.open()).toMatchObject({ writes: 1 });
  expect(c.previousHolder).toEqual({ instance: a.instance, crashed: false });
  expect(c.instance).not.toBe(a.instance);
  await c.close();
});

it("refuses the directory while another live process holds it, and takes it over once that process was killed", async () => {
  const held = await holder();
  const spool = new Spool(dir, 1 << 20);
  await expect(spool.open()).rejects.toThrow(`another Skein process (pid ${held.child.pid}) uses this data dir`);
  held.child.kill("SIGKILL");
  await held.exited;

  const next = new Spool(dir, 1 << 20);
  expect(await next.open()).toMatchObject({ writes: 1 }); // the killed process's acknowledged write
  expect(next.previousHolder).toEqual({ instance: held.instance, crashed: true });
  expect((await next.next())!.recovered).toBe(true);
  await next.close();
  expect((await readdir(join(dir, ".."))).sort()).toEqual(["spool", "spool.lock"]); // no staging files left behind
});

it("a process that closed the spool releases it: the next one starts, learning it ended cleanly", async () => {
  const held = await holder();
  held.child.stdin!.write("close\n");
  await held.exited;
  const spool = new Spool(dir, 1 << 20);
  await spool.open();
  expect(spool.previousHolder).toEqual({ instance: held.instance, crashed: false });
  await spool.close();
});
