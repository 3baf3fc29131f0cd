import type { SkeinConfig } from "./config-schema.js";

/**
 * Credentials in the configuration and how to keep them out of every text Skein writes: error
 * messages, log lines and API answers. Two complementary defences: the configured passwords are
 * replaced wherever they appear, and the password part of any `scheme://user:password@host` is
 * masked even when it is not a configured one (a URL an engine echoes back, a config value).
 */

export type SecretSources = Partial<Pick<SkeinConfig, "clickhousePassword" | "clickhouseUrl" | "clickhouseShardUrls">>;

/** Shown instead of a secret. */
export const MASK = "***";

/**
 * Every configured password, in each form it may take in a message: as given, as the URL holds
 * it (percent-encoded) and decoded. Empty strings are left out (nothing to hide, and replacing ""
 * would garble every text).
 */
export function configuredSecrets(config: SecretSources): string[] {
  const secrets = [config.clickhousePassword ?? ""];
  for (const url of [config.clickhouseUrl ?? "", ...(config.clickhouseShardUrls ?? [])]) {
    let password = "";
    try {
      password = new URL(url).password;
    } catch {
      continue; // not a URL: the schema or the adapter refuses it with its own message
    }
    secrets.push(password);
    try {
      secrets.push(decodeURIComponent(password));
    } catch {
      // a malformed %-sequence: the raw form above is what any message would quote
    }
  }
  return [...new Set(secrets.filter((secret) => secret !== ""))];
}

/**
 * `//user:password@` → `//user:***@` in any text (one URL, a comma-separated list, a sentence).
 * The user info runs to the last `@` before the host part ends, as URL parsers read it.
 */
export function maskUrlPasswords(text: string): string {
  return text.replace(/\/\/([^/?#\s"]*)@/g, (whole, info: string) => {
    const colon = info.indexOf(":");
    return colon < 0 ? whole : `//${info.slice(0, colon)}:${MASK}@`;
  });
}

/** `text` with URL passwords masked and every secret (longest first) replaced by ***. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = maskUrlPasswords(text);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret !== "") result = result.split(secret).join(MASK);
  }
  return result;
}

/**
 * One JSON log line (pino's, ending in a newline) with every string value and key redacted as
 * redactSecrets does. The line stays valid JSON whatever the secret (a password "1" must not
 * turn `"time":1700…` into `"time":***700…`), so only strings are touched; numbers never hold a
 * secret. A line without a trace of a secret or URL password is returned as it is, unparsed.
 */
export function redactJsonLine(line: string, secrets: readonly string[]): string {
  const forms = secrets.flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]);
  if (!forms.some((form) => form !== "" && line.includes(form)) && maskUrlPasswords(line) === line) return line;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return redactSecrets(line, forms); // not JSON: redact the text as it is
  }
  return `${JSON.stringify(redactStrings(parsed, secrets))}${line.endsWith("\n") ? "\n" : ""}`;
}

function redactStrings(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactStrings(item, secrets));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [redactSecrets(key, secrets), redactStrings(item, secrets)]));
}
