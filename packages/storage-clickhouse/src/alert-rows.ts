// Alert documents (sql/002-alert-*.sql) as TabSeparated lines in their tables' column order.
import type { StoredAlertEvent, StoredAlertRule } from "@skein/storage";
import { tsvLine, tsvString } from "./tsv-text.js";

export const ALERT_RULES_TABLE_COLUMNS = ["id", "version", "updated_ms", "deleted", "body"] as const;
export const ALERT_EVENTS_TABLE_COLUMNS = ["id", "version", "rule_id", "time_ms", "body"] as const;

/** A UInt64 field from a time in ms: a RangeError unless a non-negative safe integer. */
function msField(what: string, ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError(`${what} ${ms} is not a non-negative integer number of ms`);
  return String(ms);
}

/** The row of one version of a rule: `deleted` rows hide the rule (their body is empty). */
export function alertRuleLine(rule: StoredAlertRule, version: bigint, deleted: boolean): string {
  return tsvLine(ALERT_RULES_TABLE_COLUMNS, {
    id: tsvString(rule.id),
    version: version.toString(),
    updated_ms: msField("updatedAtUnixMs", rule.updatedAtUnixMs),
    deleted: deleted ? "1" : "0",
    body: tsvString(rule.body),
  });
}

export function alertEventLine(event: StoredAlertEvent, version: bigint): string {
  return tsvLine(ALERT_EVENTS_TABLE_COLUMNS, {
    id: tsvString(event.id),
    version: version.toString(),
    rule_id: tsvString(event.ruleId),
    time_ms: msField("timeUnixMs", event.timeUnixMs),
    body: tsvString(event.body),
  });
}

/** Low bits of a version that name the writing process (1,024 values); a tick is 1,024 ns. */
const NODE_BITS = 10n;
const NODE_MASK = (1n << NODE_BITS) - 1n;

export interface DocumentVersionOptions {
  /** The wall clock in ms (Date.now); tests inject one that jumps. */
  nowMs?: () => number;
  /** This process's low bits, 0–1023 (random when absent). */
  node?: number;
}

/**
 * Versions of alert documents, UInt64: the newest wins (argMax). A version is
 * `tick × 1024 + node`, where node is random per process, so two nodes writing in the same tick
 * still differ (every reader picks the same winner), and tick is the largest of: the wall clock
 * in units of 1024 ns, one more than the tick of the newest version stored for the id
 * (`storedMax`, read by the caller just before), and one more than this process's previous
 * tick. So a change is newer than what its writer read, whatever the clocks of the nodes say:
 * a rule deleted on a node and re-created on another whose clock is behind comes back. Writes
 * racing each other on several nodes: the later clock wins.
 */
export class DocumentVersions {
  private lastTick = 0n;
  private readonly nowMs: () => number;
  readonly node: bigint;

  constructor(options: DocumentVersionOptions = {}) {
    this.nowMs = options.nowMs ?? Date.now;
    const node = options.node ?? Math.floor(Math.random() * Number(NODE_MASK + 1n));
    if (!Number.isInteger(node) || node < 0 || node > Number(NODE_MASK)) throw new RangeError(`node ${node} is not an integer 0–${NODE_MASK}`);
    this.node = BigInt(node);
  }

  /** The version of a write of a document whose newest stored version is `storedMax` (0n: none). */
  next(storedMax: bigint): bigint {
    const clock = (BigInt(Math.max(0, Math.floor(this.nowMs()))) * 1_000_000n) >> NODE_BITS;
    let tick = clock;
    for (const floor of [(storedMax >> NODE_BITS) + 1n, this.lastTick + 1n]) if (floor > tick) tick = floor;
    this.lastTick = tick;
    return (tick << NODE_BITS) | this.node;
  }
}
