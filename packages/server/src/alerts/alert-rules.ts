import { randomUUID } from "node:crypto";
import type { AlertStore } from "@skein/storage";
import { decodeRule, encodeRule } from "./alert-codec.js";
import { AlertRuleNotFoundError, TooManyAlertRulesError } from "./alert-errors.js";
import { redactWebhookUrl } from "./alert-api-json.js";
import type { AlertRule, AlertRuleFields, AlertRuleUpdate } from "./alert-rule.js";

/** The most rules a server keeps: every one is evaluated every interval. */
export const MAX_ALERT_RULES = 1000;
const RULE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Rule CRUD over the storage port. Writes are serialized (one at a time per server), so two
 * concurrent creates cannot both pass the limit. Stored rules this server cannot read are left
 * alone and skipped (see alert-codec.ts).
 */
export class AlertRules {
  #writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AlertStore,
    /** unix ms */
    private readonly now: () => number,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** Every readable rule, by id ascending. */
  async list(signal?: AbortSignal): Promise<AlertRule[]> {
    const stored = await this.store.listRules(signal);
    return stored.flatMap((rule) => decodeRule(rule) ?? []);
  }

  /** The rule, or AlertRuleNotFoundError. */
  async get(id: string, signal?: AbortSignal): Promise<AlertRule> {
    const stored = RULE_ID.test(id) ? await this.store.getRule(id, signal) : undefined;
    const rule = stored === undefined ? undefined : decodeRule(stored);
    if (rule === undefined) throw new AlertRuleNotFoundError(id);
    return rule;
  }

  /** Stores a new rule with a fresh id; TooManyAlertRulesError at the limit. */
  create(fields: AlertRuleFields): Promise<AlertRule> {
    return this.#serialized(async () => {
      if ((await this.store.listRules()).length >= MAX_ALERT_RULES) throw new TooManyAlertRulesError(MAX_ALERT_RULES);
      const now = this.now();
      const rule: AlertRule = { id: this.newId(), ...fields, createdAt: now, updatedAt: now };
      await this.store.putRule(encodeRule(rule));
      return rule;
    });
  }

  /**
   * Replaces every client field of an existing rule (its id and createdAt stay; updatedAt grows by
   * at least 1 ms, so a pass can tell the rule changed). Without webhookUrl, or with the redacted
   * form the API showed, the stored URL is kept. Resolves to the rule before and after.
   */
  replace(id: string, fields: AlertRuleUpdate): Promise<{ previous: AlertRule; rule: AlertRule }> {
    return this.#serialized(async () => {
      const previous = await this.get(id);
      const keepUrl = fields.webhookUrl === undefined || fields.webhookUrl === redactWebhookUrl(previous.webhookUrl);
      const webhookUrl = keepUrl ? previous.webhookUrl : fields.webhookUrl!;
      const rule: AlertRule = { id, ...fields, webhookUrl, createdAt: previous.createdAt, updatedAt: Math.max(this.now(), previous.updatedAt + 1) };
      await this.store.putRule(encodeRule(rule));
      return { previous, rule };
    });
  }

  /** Removes the rule (its events stay); AlertRuleNotFoundError when there is none. */
  delete(id: string): Promise<void> {
    return this.#serialized(async () => {
      if (!RULE_ID.test(id) || !(await this.store.deleteRule(id))) throw new AlertRuleNotFoundError(id);
    });
  }

  #serialized<T>(write: () => Promise<T>): Promise<T> {
    const result = this.#writes.then(write, write);
    this.#writes = result.catch(() => {});
    return result;
  }
}
