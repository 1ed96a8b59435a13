import { z } from 'zod';
import { calendarDate, trimmed } from '../shared/schema.ts';

/** A payment received, as staff record it from the bank statement. */
export const newPaymentSchema = z.strictObject({
  paidOn: calendarDate,
  amountCents: z.number().int().positive().max(1_000_000_000_00),
  /** The bank's reference or the payer's description. */
  reference: trimmed(200).optional(),
});
export type NewPayment = z.input<typeof newPaymentSchema>;

export const paymentSchema = z.object({
  id: z.string(),
  invoiceId: z.string(),
  paidOn: z.string(),
  amountCents: z.number(),
  reference: z.string().nullable(),
  createdAt: z.string(),
});
export type Payment = z.infer<typeof paymentSchema>;
