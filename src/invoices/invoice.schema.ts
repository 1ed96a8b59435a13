import { z } from 'zod';

export const invoiceStatus = z.enum(['draft', 'issued']);

export const invoiceLineSchema = z.object({
  position: z.number(),
  description: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number(),
  vatRate: z.number(),
  amountCents: z.number(),
});

export const invoiceSchema = z.object({
  id: z.string(),
  subjectId: z.string(),
  agreementId: z.string().nullable(),
  creditForId: z.string().nullable(),
  number: z.string().nullable(),
  status: invoiceStatus,
  issueDate: z.string().nullable(),
  completedOn: z.string().nullable(),
  billing: z.object({
    name: z.string(),
    gender: z.string().nullable(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    country: z.string(),
  }),
  reference: z.string().nullable(),
  currency: z.string(),
  totalExclCents: z.number(),
  vatCents: z.number(),
  totalInclCents: z.number(),
  lines: z.array(invoiceLineSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Invoice = z.infer<typeof invoiceSchema>;
