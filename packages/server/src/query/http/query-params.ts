import type { z } from "zod";
import { InvalidParameterError, UnknownParameterError } from "../errors.js";

/**
 * Validates a route's query string against its strict zod schema (from @skein/model). A known
 * parameter with an empty value counts as absent (HTML forms and URL builders send `service=`).
 * Unknown parameters → UnknownParameterError naming them all, even when empty; otherwise the
 * first problem → InvalidParameterError, whose message names the parameter (the schemas' do).
 */
export function parseQueryParams<S extends z.ZodObject>(schema: S, raw: unknown): z.infer<S> {
  const input = Object.create(null) as Record<string, unknown>; // `__proto__` stays a plain key
  for (const [key, value] of Object.entries((raw ?? {}) as Record<string, unknown>)) {
    if (value === "" && Object.hasOwn(schema.shape, key)) continue;
    input[key] = value;
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const known = Object.keys(schema.shape);
  const unknownKeys = result.error.issues.flatMap((issue) => (issue.code === "unrecognized_keys" ? issue.keys : []));
  if (unknownKeys.length > 0) throw new UnknownParameterError(unknownKeys, known);
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "query");
  const message = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
  throw new InvalidParameterError(message);
}
