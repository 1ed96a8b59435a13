import { z } from 'zod';

export const agreementKind = z.enum(['quote', 'agreement']);
export const agreementStatus = z.enum(['draft', 'sent', 'accepted', 'rejected', 'active', 'ended', 'cancelled']);

export const agreementSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  kind: agreementKind,
  title: z.string(),
  status: agreementStatus,
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agreement = z.infer<typeof agreementSchema>;
