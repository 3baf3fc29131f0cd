import { z } from "zod";

/**
 * Every non-2xx answer of the API. `code` is stable (`SKEIN_ERR_…`) and safe to branch on;
 * `message` is for humans: what was wrong and what to do.
 */
export const apiErrorResponseSchema = z.object({
  error: z.object({ code: z.string().regex(/^SKEIN_ERR_[A-Z0-9_]+$/), message: z.string() }),
});
export type ApiErrorResponse = z.infer<typeof apiErrorResponseSchema>;
