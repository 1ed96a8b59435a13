import { z } from 'zod';

export const consentMethod = z.enum(['written', 'email', 'portal', 'verbal']);

export const consentSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  purpose: z.string(),
  givenAt: z.string(),
  withdrawnAt: z.string().nullable(),
  method: consentMethod,
  evidence: z.string(),
  createdAt: z.string(),
});
export type Consent = z.infer<typeof consentSchema>;
