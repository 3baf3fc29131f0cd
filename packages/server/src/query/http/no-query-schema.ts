import { z } from "zod";

/** For routes that take no query parameters: any parameter is refused as unknown. */
export const apiNoQuerySchema = z.strictObject({});
