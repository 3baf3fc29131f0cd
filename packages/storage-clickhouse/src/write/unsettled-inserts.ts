import { ClickHouseQueryError, ClickHouseUnavailableError } from "../errors.js";
import { sleep, untilAborted } from "./waiting.js";

/**
 * True when a failed insert may still be executing on the server: it ended without the server's
 * answer (a timeout, a reset connection), and the server was reached. A refused connection or a
 * server exception is a final answer.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof ClickHouseQueryError) return false;
  if (!(error instanceof ClickHouseUnavailableError)) return true; // unknown failure: assume the worst
  if (error.serverCode !== undefined) return false;
  return (error.cause as { code?: unknown } | undefined)?.code !== "ECONNREFUSED";
}

/**
 * The live inserts of writes that were spooled before ClickHouse confirmed them, by ingest id.
 * Such an insert may still land; replaying its write meanwhile could check for its rows before
 * they are visible and insert them a second time. So the replay of a write first waits here: for
 * its insert to end, and, when that ended without an answer (the server may still be running
 * it), for `settleMs` more. Within this process only: a restart cannot know of a previous
 * process's requests, which is why the writer's close() waits a while for live inserts to end.
 */
export class UnsettledInserts {
  private readonly running = new Map<bigint, Promise<unknown>>();
  private readonly endedUnknown = new Map<bigint, number>();

  /** Records `insert` as the live insert of the writes `ingestIds` (spooled now). */
  track(ingestIds: readonly bigint[], insert: Promise<void>): void {
    const settled = insert.then(
      () => undefined,
      (error: unknown) => {
        if (outcomeUnknown(error)) for (const id of ingestIds) this.endedUnknown.set(id, Date.now());
      },
    );
    for (const id of ingestIds) this.running.set(id, settled);
    void settled.then(() => {
      for (const id of ingestIds) if (this.running.get(id) === settled) this.running.delete(id);
    });
  }

  /** Records writes whose insert already failed with `error` (and which are being spooled). */
  ended(ingestIds: readonly bigint[], error: unknown): void {
    if (outcomeUnknown(error)) for (const id of ingestIds) this.endedUnknown.set(id, Date.now());
  }

  /** Resolves once a replay of the write `ingestId` cannot race its live insert (or `signal` aborts). */
  async settled(ingestId: bigint, settleMs: number, signal: AbortSignal): Promise<void> {
    const running = this.running.get(ingestId);
    if (running !== undefined) await untilAborted(running, signal);
    const ended = this.endedUnknown.get(ingestId);
    if (ended !== undefined) await sleep(ended + settleMs - Date.now(), signal);
  }

  /** The write is replayed: nothing more to wait for. */
  forget(ingestId: bigint): void {
    this.endedUnknown.delete(ingestId);
  }
}
