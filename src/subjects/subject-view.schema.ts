import { z } from 'zod';
import { agreementSchema } from '../agreements/agreement.schema.ts';
import { caseSchema } from '../cases/case.schema.ts';
import { consentSchema } from '../consents/consent.schema.ts';
import { invoiceSchema } from '../invoices/invoice.schema.ts';
import { subjectSchema } from './subject.schema.ts';

/** A subject with every record Kluis keeps about them: the customer page. */
export const subjectViewSchema = z.object({
  subject: subjectSchema,
  agreements: z.array(agreementSchema),
  invoices: z.array(invoiceSchema),
  cases: z.array(caseSchema),
  consents: z.array(consentSchema),
});
export type SubjectView = z.infer<typeof subjectViewSchema>;
