import { SkeinError } from "@skein/model";

/**
 * Coded errors of the alerts API. Codes are stable and user-visible. Their HTTP statuses are in
 * ALERT_HTTP_STATUS_BY_CODE, applied by the alerts routes' own error handler (alert-routes.ts);
 * every other error goes through the query API's handler unchanged.
 */

/** A rule body is not a valid rule. The message names the field and says what is accepted. */
export class InvalidAlertRuleError extends SkeinError {
  constructor(message: string) {
    super("SKEIN_ERR_INVALID_ALERT_RULE", message);
  }
}

/** No rule has this id (never created, or deleted). */
export class AlertRuleNotFoundError extends SkeinError {
  constructor(id: string) {
    super("SKEIN_ERR_ALERT_RULE_NOT_FOUND", `alert rule ${JSON.stringify(id.slice(0, 64))} was not found; GET /api/v1/alerts/rules lists the rules`);
  }
}

/** Creating one more rule would pass the limit. */
export class TooManyAlertRulesError extends SkeinError {
  constructor(limit: number) {
    super("SKEIN_ERR_TOO_MANY_ALERT_RULES", `there are already ${limit} alert rules, the most a server keeps; delete rules you no longer need first`);
  }
}

/** HTTP statuses of the codes above. */
export const ALERT_HTTP_STATUS_BY_CODE: Readonly<Record<string, number>> = {
  SKEIN_ERR_INVALID_ALERT_RULE: 400,
  SKEIN_ERR_ALERT_RULE_NOT_FOUND: 404,
  SKEIN_ERR_TOO_MANY_ALERT_RULES: 409,
};
