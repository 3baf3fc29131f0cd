// One child process the launcher owns: its output as lines (forwarded and kept for error
// messages), a readiness signal parsed from those lines, and a stop that always ends it. Each
// child leads its own process group; an `ipc` channel lets it notice the launcher's death.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { ShopError } from "../errors.js";

/** Lines kept per process for error messages. */
const KEPT_LINES = 30;

export interface ManagedProcessOptions<R> {
  label: string;
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Open an IPC channel the child can watch to stop when the launcher dies (see service-runtime.ts). */
  ipc?: boolean;
  /** Every stdout and stderr line, in arrival order per stream. */
  onLine: (line: string) => void;
  /** A value when `line` announces that the process is ready (e.g. its URL), else undefined. */
  readyWhen: (line: string) => R | undefined;
  /**
   * Whether `line` announces that the process, asked to stop, has finished its work and now only
   * flushes before it exits (see `closed`). Without it, a process is closed when it has exited.
   */
  closedWhen?: (line: string) => boolean;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ManagedProcess<R> {
  readonly label: string;
  readonly exited: Promise<ProcessExit>;
  /** Resolves at the `closedWhen` line or at the exit, whichever comes first. Never rejects. */
  readonly closed: Promise<void>;
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private readonly ready: Promise<R>;
  private exit: ProcessExit | undefined;
  private stopping = false;
  private stopped: Promise<ProcessExit> | undefined;
  private spawnError: Error | undefined;

  constructor(options: ManagedProcessOptions<R>) {
    this.label = options.label;
    this.child = spawn(options.command, options.args, {
      env: options.env,
      cwd: options.cwd,
      // Its own process group: Ctrl-C in a terminal signals the foreground group, i.e. only the
      // launcher, which then stops the shop in order (a service's callees after the service).
      // Were the children in that group too, they would all die at once, mid-request.
      detached: true,
      stdio: options.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
    });
    this.child.channel?.unref();
    this.exited = new Promise((resolve) => {
      // "close" rather than "exit": it comes after the output streams ended, so lastLines() is complete.
      this.child.once("close", (code, signal) => resolve((this.exit = { code, signal })));
      this.child.once("error", (error) => {
        // Spawning failed (ENOENT, EACCES): there will be no "close" event.
        this.spawnError = error;
        if (!this.child.pid) resolve((this.exit = { code: null, signal: null }));
      });
    });
    let markClosed: () => void = () => undefined;
    this.closed = new Promise<void>((resolve) => (markClosed = resolve));
    void this.exited.then(() => markClosed());
    this.ready = new Promise<R>((resolve, reject) => {
      const onLine = (line: string) => {
        this.lines.push(line);
        if (this.lines.length > KEPT_LINES) this.lines.shift();
        options.onLine(line);
        const value = options.readyWhen(line);
        if (value !== undefined) resolve(value);
        if (options.closedWhen?.(line)) markClosed();
      };
      createInterface({ input: this.child.stdout!, crlfDelay: Infinity }).on("line", onLine);
      createInterface({ input: this.child.stderr!, crlfDelay: Infinity }).on("line", onLine);
      void this.exited.then(() => reject(this.notReady(`${this.label} ${this.describeExit()} before it was ready`)));
    });
    this.ready.catch(() => undefined); // observed through waitReady()
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Whether the exit (if any) was asked for by stop(). */
  get stopRequested(): boolean {
    return this.stopping;
  }

  /** The last lines of output, oldest first. */
  lastLines(): readonly string[] {
    return this.lines;
  }

  describeExit(): string {
    if (this.spawnError) return `could not be started (${this.spawnError.message})`;
    if (!this.exit) return "is running";
    return this.exit.signal ? `was killed by ${this.exit.signal}` : `exited with code ${String(this.exit.code)}`;
  }

  /** Resolves the readiness value, or rejects when the process exits first or `timeoutMs` passes. */
  async waitReady(timeoutMs: number): Promise<R> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(this.notReady(`${this.label} was not ready within ${timeoutMs} ms`)), Math.max(0, timeoutMs));
    });
    try {
      return await Promise.race([this.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * SIGTERM, then SIGKILL after `graceMs`. Idempotent: later calls wait for the same exit and send
   * nothing — a second SIGTERM would cut short the flush a service does after its first (the
   * @skein/node preload treats it as "exit now"). Resolves once the process has exited.
   */
  stop(graceMs: number): Promise<ProcessExit> {
    this.stopping = true;
    if (this.exit) return Promise.resolve(this.exit);
    return (this.stopped ??= (async () => {
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
      try {
        return await this.exited;
      } finally {
        clearTimeout(timer);
      }
    })());
  }

  private notReady(message: string): ShopError {
    const output = this.lines.length > 0 ? `\nlast output of ${this.label}:\n  ${this.lines.join("\n  ")}` : `\n${this.label} printed nothing`;
    return new ShopError("SKEIN_ERR_SHOP_NOT_READY", message + output);
  }
}
