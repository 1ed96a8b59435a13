import { z } from 'zod';

export const newApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('What the integration is, e.g. "Boekhouding Exact"'),
  role: z.string().min(1).max(50).describe('The role of the policy the token acts with'),
});
export type NewApiToken = z.infer<typeof newApiTokenSchema>;

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('Shown this once: send it as `Authorization: Bearer <token>`'),
});
