import { AUTHENTICATION_CODES } from "../clickhouse-error-mapping.js";
import { ClickHouseQueryError, ClickHouseUnavailableError } from "../errors.js";

/**
 * What a failed insert (or dedup query) says about ClickHouse and about the write:
 * - "refused": ClickHouse refused the statement or its data (ClickHouseQueryError): this write
 *   would fail again; other writes are not concerned.
 * - "unreachable": no answer from the server (refused or broken connection, timeout), or an
 *   answer that concerns every write (login refused, a shard or table unreachable, too many
 *   queries): ClickHouse is down for writes.
 * - "server": the server answered with an exception that may be about this write alone or about
 *   the server's state (memory limit, too many parts or partitions, query too big), or the
 *   failure is not ClickHouse's at all. Only a second write failing the same way tells which.
 */
export type FailureKind = "refused" | "server" | "unreachable";

/** Server codes that concern every write, not the one that got them. */
const CLUSTER_WIDE_CODES: ReadonlySet<number> = new Set([
  ...AUTHENTICATION_CODES,
  60, // UNKNOWN_TABLE (a server restarting, a shard without its tables)
  81, // UNKNOWN_DATABASE
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  209, // SOCKET_TIMEOUT (to a shard)
  210, // NETWORK_ERROR (to a shard)
  279, // ALL_CONNECTION_TRIES_FAILED (to a shard)
]);

/**
 * A step of storing writes (the inserts of one phase, or a dedup query) that failed, thrown once
 * every request of the step has ended (none is still running on the client side). `cause` is
 * the most telling of the failures (refused data first, then unreachable, then the rest).
 */
export class StoreFailedError extends Error {
  constructor(
    readonly errors: readonly unknown[],
    /** Some main-table insert ended without the server's answer: it may still land (unsettled-inserts.ts). */
    readonly outcomeUnknown: boolean,
    /** The query ids of those inserts, when they had one. */
    readonly unknownQueryIds: readonly string[] = [],
  ) {
    super(`storing failed: ${errors.map((e) => (e instanceof Error ? e.message : String(e))).join("; ")}`, { cause: mostTelling(errors) });
    this.name = "StoreFailedError";
  }
}

/** The error to report and classify: the most telling one of a StoreFailedError, else `error` itself. */
export function rootFailure(error: unknown): unknown {
  return error instanceof StoreFailedError ? error.cause : error;
}

export function failureKind(error: unknown): FailureKind {
  const root = rootFailure(error);
  if (root instanceof ClickHouseQueryError) return "refused";
  if (root instanceof ClickHouseUnavailableError) return root.serverCode === undefined || CLUSTER_WIDE_CODES.has(root.serverCode) ? "unreachable" : "server";
  return "server";
}

function mostTelling(errors: readonly unknown[]): unknown {
  const rank = (e: unknown): number => ({ refused: 0, unreachable: 1, server: 2 })[failureKind(e)];
  return [...errors].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * True when a failed insert may still be executing on the server: it ended without the server's
 * answer (a timeout, a reset connection), and the server was reached. A refused connection or a
 * server exception is a final answer. For a StoreFailedError: whether any of its main-table
 * inserts ended that way.
 */
export function outcomeUnknown(error: unknown): boolean {
  if (error instanceof StoreFailedError) return error.outcomeUnknown;
  if (error instanceof ClickHouseQueryError) return false;
  if (!(error instanceof ClickHouseUnavailableError)) return true; // unknown failure: assume the worst
  if (error.serverCode !== undefined) return false;
  return (error.cause as { code?: unknown } | undefined)?.code !== "ECONNREFUSED";
}

/** One insert of a step, with the query id it was sent with (if any). */
export interface StepInsert {
  readonly done: Promise<void>;
  readonly queryId: string | undefined;
}

/**
 * Waits for every insert of one step to end, then throws StoreFailedError if any failed — never
 * while a sibling is still running (a caller that re-checks or re-inserts at once would race it).
 * `main`: these are main-table inserts, whose unknown outcome matters (side-table rows may be
 * duplicated harmlessly).
 */
export async function settleInserts(inserts: readonly StepInsert[], main: boolean): Promise<void> {
  const results = await Promise.allSettled(inserts.map((i) => i.done));
  const errors: unknown[] = [];
  const unknownQueryIds: string[] = [];
  let unknown = false;
  results.forEach((r, i) => {
    if (r.status === "fulfilled") return;
    errors.push(r.reason);
    if (!main || !outcomeUnknown(r.reason)) return;
    unknown = true;
    const id = inserts[i]!.queryId;
    if (id !== undefined) unknownQueryIds.push(id);
  });
  if (errors.length > 0) throw new StoreFailedError(errors, unknown, unknownQueryIds);
}

/** Runs a request that inserts nothing (a dedup query): its failure as a StoreFailedError with a known outcome. */
export async function notInserting<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new StoreFailedError([error], false);
  }
}
