import { z } from "zod";
import type { PlainJson } from "../any-value.js";

/**
 * Attribute values as the API sends them (see attributesToPlainJson): int64 as a JSON number when
 * exact, else a decimal string; doubles as numbers (NaN/±Infinity as strings); bytes as base64;
 * arrays and kvlists nested.
 */
export const apiPlainJsonSchema: z.ZodType<PlainJson> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(apiPlainJsonSchema), z.record(z.string(), apiPlainJsonSchema)]),
);

/** An attribute map `{key: value}` as the API sends it. */
export const apiAttributesSchema = z.record(z.string(), apiPlainJsonSchema);
export type ApiAttributes = z.infer<typeof apiAttributesSchema>;

/** Nanoseconds as a decimal string: exact beyond 2^53 (JSON numbers are not). */
export const apiNanosSchema = z.string().regex(/^[0-9]{1,20}$/, "nanoseconds as a decimal string");

/** Lowercase hex ids at the API edge. */
export const apiTraceIdSchema = z.string().regex(/^[0-9a-f]{32}$/, "32 lowercase hex characters");
export const apiSpanIdSchema = z.string().regex(/^[0-9a-f]{16}$/, "16 lowercase hex characters");
