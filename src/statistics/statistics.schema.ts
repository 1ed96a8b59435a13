import { z } from 'zod';

/** How many calendar months back, this month included. */
export const statisticsQuerySchema = z.strictObject({
  months: z.coerce.number().int().min(1).max(36).default(12),
});
export type StatisticsQuery = z.input<typeof statisticsQuerySchema>;

const month = z.string().describe('YYYY-MM (UTC)');

/** Requests received per month and how long their answers took: counts only, no person named. */
export const requestsPerMonthSchema = z.object({
  months: z.array(
    z.object({
      month,
      received: z.number(),
      /** Of those received in the month: answered so far. */
      answered: z.number(),
      /** Of those answered: after the deadline in force (Art. 12(3)). */
      answeredLate: z.number(),
      /** Median days from receipt to answer of those answered; null when none was. */
      medianDaysToAnswer: z.number().nullable(),
      maxDaysToAnswer: z.number().nullable(),
    }),
  ),
});
export type RequestsPerMonth = z.infer<typeof requestsPerMonthSchema>;

/** Records deleted per month, from the erasure ledger: by an erasure request or by the retention sweep. */
export const deletionsPerMonthSchema = z.object({
  months: z.array(z.object({ month, erasure: z.number(), retention: z.number(), subjects: z.number() })),
});
export type DeletionsPerMonth = z.infer<typeof deletionsPerMonthSchema>;
