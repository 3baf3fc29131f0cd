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

/**
 * Versions of alert documents: the wall clock in ns, strictly increasing within the process
 * (several puts in one ms keep their order). Across nodes the later wall-clock write wins, so a
 * node whose clock runs behind may see its change hidden by an earlier one of another node.
 */
export class DocumentVersions {
  private last = 0n;

  next(): bigint {
    const now = BigInt(Date.now()) * 1_000_000n;
    this.last = now > this.last ? now : this.last + 1n;
    return this.last;
  }
}
