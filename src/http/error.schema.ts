import { z } from 'zod';

/** The body of every error response. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable error code, e.g. validation_failed, not_found, forbidden'),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

/** Error responses every authenticated personal-data route may give. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
};
