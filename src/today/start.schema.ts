import { z } from 'zod';
import { breachSchema } from '../breaches/breach.schema.ts';

const request = z.object({
  id: z.string(),
  reference: z.string(),
  kind: z.string(),
  status: z.string(),
  /** The day the answer is due by law (Art. 12(3), moved past weekends and holidays). */
  legalEnd: z.string(),
  /** Days from today to the legal end; negative once it has passed. */
  daysLeft: z.number(),
  overdue: z.boolean(),
  /** An access or portability package waits for the dpo's review and release (Art. 15(4)). */
  packageWaiting: z.boolean(),
});

const hold = z.object({
  id: z.string(),
  subjectId: z.string(),
  customer: z.string(),
  reviewOn: z.string(),
  endsOn: z.string().nullable(),
});

const agreement = z.object({
  recipient: z.object({ nl: z.string(), en: z.string() }),
  company: z.string().nullable(),
  /** missing: no agreement; expired; expiring: within the window the page names. */
  state: z.enum(['missing', 'expired', 'expiring']),
  expiresOn: z.string().nullable(),
});

const finding = z.object({
  id: z.string(),
  severity: z.enum(['warning', 'error', 'unknown']),
  message: z.object({ nl: z.string(), en: z.string() }),
});

const openCase = z.object({
  id: z.string(),
  reference: z.string(),
  title: z.string(),
  kind: z.string(),
  openedAt: z.string(),
  subjectId: z.string(),
  customer: z.string(),
});

const invoice = z.object({
  id: z.string(),
  number: z.string().nullable(),
  customer: z.string(),
  totalInclCents: z.number(),
  /** A draft's creation day; an overdue invoice's due date. */
  date: z.string(),
});

/** A list on the start page: its first items, and how many there are in all. */
const part = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number() });

/**
 * What needs doing today for the signed-in role. A part is null when the role has no business with it (the
 * API would refuse its pages anyway); an empty part means nothing to do.
 */
export const startPageSchema = z.object({
  role: z.string(),
  today: z.string(),
  requests: part(request).nullable(),
  holds: part(hold).nullable(),
  breaches: part(breachSchema.pick({ id: true, description: true, becameAwareAt: true, clock: true })).nullable(),
  processorAgreements: z.object({ items: z.array(agreement), total: z.number(), windowDays: z.number() }).nullable(),
  selfCheck: z
    .object({
      /** Null: the self-check has not run yet. */
      finishedAt: z.string().nullable(),
      errors: z.number(),
      warnings: z.number(),
      findings: z.array(finding),
    })
    .nullable(),
  cases: part(openCase).nullable(),
  drafts: part(invoice).nullable(),
  overdue: part(invoice).nullable(),
  /**
   * The first-run checklist of whoever keeps the registers: each step done or not (null: not known yet, the
   * self-check has not run). Backups are set up on the server; the self-check tells whether they are made.
   */
  checklist: z
    .object({
      processorAgreements: z.boolean(),
      backups: z.boolean().nullable(),
      firstCustomer: z.boolean(),
      statementPublished: z.boolean(),
    })
    .nullable(),
  /** For the accountant: the invoices issued this year and last, which the fiscal export covers. */
  fiscal: z.object({ year: z.number(), issuedThisYear: z.number(), issuedLastYear: z.number() }).nullable(),
});
export type StartPage = z.infer<typeof startPageSchema>;
