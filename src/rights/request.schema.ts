import { z } from 'zod';
import { listQuery } from '../shared/list.ts';
import { mailAuthenticationSchema } from '../mail/mail-authentication.schema.ts';
import { calendarDate, sixDigitCode, trimmed } from '../shared/schema.ts';
import { dayOfReceipt } from './deadline.ts';
import { DECISIONS, type Decision, REQUEST_CHANNELS, REQUEST_KINDS, REQUEST_STATUSES } from '../db/vocabulary.ts';
import { amountInCents } from './verification-knowledge.ts';
import { systemClock } from '../shared/clock.ts';

// PostgreSQL text cannot hold NUL; refuse it on both dialects alike.
const withoutNul = (s: string) => !s.includes('\u0000');
const text = (max: number) => trimmed(max).refine(withoutNul, 'must not contain NUL characters');

export const requestKind = z.enum(REQUEST_KINDS);
export const requestStatus = z.enum(REQUEST_STATUSES);
export const requestLanguage = z.enum(['nl', 'en']);
export const requestChannel = z.enum(REQUEST_CHANNELS);
export { DECISIONS, type Decision } from '../db/vocabulary.ts';
export const decisionKind = z.enum(DECISIONS);

/** Decisions that refuse something: they need a ground and a motivation, and the letter Art. 12(4)'s notice. */
export const refusesSomething = (d: Decision): boolean => d !== 'granted';

const email = z.email('must be an e-mail address').max(254);

/** Art. 16: the values the person says are right, in the fields of a subject (the rectification executor applies them). */
export const rectificationChanges = z
  .strictObject({
    firstName: text(100),
    lastName: text(100),
    email,
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number such as +31 30 123 4567'),
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, 'name at least one corrected value');
export type RectificationChanges = z.infer<typeof rectificationChanges>;

type KindFields = {
  kind: string;
  details: string;
  changes?: unknown;
  purpose?: string | undefined;
  transferOrganisation?: string | undefined;
  transferEmail?: string | undefined;
};

/** What a kind of request needs besides the common fields; the service checks the purpose against the policy. */
function kindNeeds(r: KindFields, ctx: z.RefinementCtx): void {
  if (r.kind === 'rectification' && r.changes === undefined && r.details === '') {
    ctx.addIssue({ code: 'custom', path: ['changes'], message: 'say what should be corrected or completed' });
  }
  if ((r.kind === 'objection' || r.kind === 'withdraw_consent') && r.purpose === undefined) {
    ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'name the purpose this is about' });
  }
  if ((r.kind === 'question' || r.kind === 'complaint') && r.details === '') {
    ctx.addIssue({ code: 'custom', path: ['details'], message: 'write your question or complaint' });
  }
  transferNeeds(r, ctx);
}

/** Art. 20(2): only a portability request names an organisation to send the data to, and then both its name and address. */
function transferNeeds(r: KindFields, ctx: z.RefinementCtx): void {
  const named = r.transferOrganisation !== undefined || r.transferEmail !== undefined;
  if (!named) return;
  if (r.kind !== 'portability') {
    ctx.addIssue({
      code: 'custom',
      path: ['transferOrganisation'],
      message: 'only a request for portability sends data to another organisation',
    });
    return;
  }
  if (r.transferOrganisation === undefined)
    ctx.addIssue({ code: 'custom', path: ['transferOrganisation'], message: 'name the organisation the data should go to' });
  if (r.transferEmail === undefined)
    ctx.addIssue({ code: 'custom', path: ['transferEmail'], message: 'give the e-mail address of that organisation' });
}

const requestFields = {
  kind: requestKind,
  name: text(200),
  details: z.string().trim().max(5000).refine(withoutNul, 'must not contain NUL characters').default(''),
  /** For an objection (Art. 21) or a withdrawal of consent (Art. 7(3)): a purpose of the policy. */
  purpose: z.string().trim().min(1).max(50).optional(),
  /** For a rectification (Art. 16): the corrected values; anything else is described in the details. */
  changes: rectificationChanges.optional(),
  /** For portability (Art. 20(2)): the organisation to send the data to directly, instead of to the person. */
  transferOrganisation: text(200).optional(),
  /** Its e-mail address: the download link goes there once the person confirmed it from their own mailbox. */
  transferEmail: email.optional(),
  language: requestLanguage.default('nl'),
};

/** A request filed by the person through the portal (form or API). The e-mail is where we reply. */
export const publicRequestSchema = z.strictObject({ ...requestFields, email }).superRefine(kindNeeds);
export type PublicRequest = z.input<typeof publicRequestSchema>;

// Requests are received in the Netherlands (see dayOfReceipt); a date after today there was not received yet. The
// schema lives at module level, also in the routes' validation, where no clock of the services reaches: the machine's.
const receivedOn = calendarDate.refine((d) => d <= dayOfReceipt(systemClock.now()), 'must not be in the future');

/** A request that came by e-mail or letter, registered by staff with the day it was received. */
export const staffRequestSchema = z
  .strictObject({
    ...requestFields,
    channel: z.enum(['email', 'letter']),
    receivedOn,
    email: email.optional(),
    address: text(500).optional(),
  })
  .superRefine(kindNeeds);
export type StaffRequest = z.input<typeof staffRequestSchema>;

/**
 * Knowledge as a proof (only for the kinds knowledgeSuffices names): two facts of one issued invoice of the
 * person's. The number alone runs in sequence and can be guessed; its total cannot (EDPB 01/2022, 3.3).
 */
export const knowledgeProofSchema = z.strictObject({
  invoiceNumber: text(30).describe('The number of an invoice we sent you'),
  invoiceTotal: z
    .string()
    .trim()
    .max(30)
    .refine((s) => amountInCents(s) !== null, 'must be the amount to pay on that invoice, such as 1.234,56')
    .describe('The total of that invoice, VAT included, as it is on the invoice'),
});

/** A proof of identity the person gives publicly: the code from the mail, the link's token, or two facts of an invoice. */
export const publicProofSchema = z.union([
  z.strictObject({ code: sixDigitCode('must be the 6-digit code from the mail') }),
  z.strictObject({
    token: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{22,64}$/, 'must be the token from the link'),
  }),
  knowledgeProofSchema,
]);
export type PublicProof = z.infer<typeof publicProofSchema>;
export type KnowledgeProof = z.infer<typeof knowledgeProofSchema>;

/** Ways staff establish identity themselves. Never a copy of an identity document: at most the fact one was seen. */
export const staffVerificationMethod = z.enum(['known_contact', 'phone_call', 'in_person', 'id_document_seen', 'other']);
// UAVG art. 46: a BSN may only be processed where a law says so; an identity check is no such case.
const withoutNineDigits = (n: string) => !/(^|\D)\d{9}(\D|$)/.test(n.replace(/[ .-]/g, ''));
export const staffVerificationSchema = z.strictObject({
  method: staffVerificationMethod,
  note: text(1000).refine(
    withoutNineDigits,
    'must not hold a BSN or document number: record only how the identity was established',
  ),
  /** The subject the person proved to be; absent when we hold nothing about them. */
  subjectId: z.uuid().optional(),
});
export type StaffVerification = z.input<typeof staffVerificationSchema>;

export const sendCodeSchema = z.strictObject({
  /** Whose contact details on file the code goes to; by default the subject with the request's e-mail address. */
  subjectId: z.uuid().optional(),
});

export const extensionSchema = z.strictObject({
  months: z.union([z.literal(1), z.literal(2)]),
  reason: text(2000).refine((r) => r.length >= 10, 'give the reasons for the delay (Art. 12(3))'),
});
export type Extension = z.input<typeof extensionSchema>;

export const decisionSchema = z
  .strictObject({
    decision: decisionKind,
    ground: text(500).optional(),
    motivation: text(5000).optional(),
    evidence: text(5000).optional(),
  })
  .superRefine((d, ctx) => {
    // Art. 12(4): a refusal states the reasons; the statement promises "De eventuele afwijzing wordt gemotiveerd".
    if (refusesSomething(d.decision)) {
      if (d.ground === undefined) ctx.addIssue({ code: 'custom', path: ['ground'], message: 'a refusal needs its legal ground' });
      if (d.motivation === undefined)
        ctx.addIssue({ code: 'custom', path: ['motivation'], message: 'a refusal needs a motivation' });
    }
    // Art. 12(5): the controller bears the burden of demonstrating the manifestly unfounded or excessive character.
    if ((d.decision === 'manifestly_unfounded' || d.decision === 'excessive') && d.evidence === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['evidence'],
        message: 'a request found manifestly unfounded or excessive needs the evidence',
      });
    }
  });
export type DecisionInput = z.input<typeof decisionSchema>;

/** The kind of a request that is not verified yet: a mail read from the mailbox has a kind guessed from its words. */
export const reclassifySchema = z
  .strictObject({ kind: requestKind, purpose: z.string().trim().min(1).max(50).optional() })
  .superRefine((r, ctx) => {
    if ((r.kind === 'objection' || r.kind === 'withdraw_consent') && r.purpose === undefined)
      ctx.addIssue({ code: 'custom', path: ['purpose'], message: 'name the purpose this is about' });
  });

export const answerSchema = z.strictObject({ text: text(10_000) });
export const noteSchema = z.strictObject({ note: text(2000) });

export const REQUEST_SORTS = ['deadline', 'receivedAt', 'reference', 'status'] as const;

/** GET /api/requests: by status, kind, open or overdue, or a reference or requester's name; by deadline by default. */
export const requestListQuery = z.strictObject({
  status: requestStatus.optional(),
  kind: requestKind.optional(),
  // A query string says 'true'; the CLI and a second parse pass the boolean.
  overdue: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
  open: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((v) => v === true || v === 'true')
    .optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...listQuery(REQUEST_SORTS, 'deadline'),
});
export type RequestListQuery = z.input<typeof requestListQuery>;

export const referenceParam = z.strictObject({
  reference: z.string().regex(/^V-\d{4}-[0-9A-Z]{6}$/, 'must be a request reference such as V-2026-7K3Q9M'),
});

export const requestSchema = z.object({
  id: z.string(),
  reference: z.string(),
  kind: requestKind,
  channel: requestChannel,
  language: requestLanguage,
  status: requestStatus,
  receivedAt: z.string(),
  /** The target date of the first month: the same date a month after receipt (Art. 12(3)). */
  dueOn: z.string(),
  /** The target date of the extension (two further months at most), when there is one. */
  extendedTo: z.string().nullable(),
  extensionReason: z.string().nullable(),
  /** The target date in force: the plain month date of the extension when there is one, else of the first month. */
  deadline: z.string(),
  /** Its legal end (Regulation 1182/71 art. 3(4)): moved past Saturdays, Sundays and Dutch public holidays. */
  legalEnd: z.string(),
  /** The legal end of the first month: until then the deadline can be extended (Art. 12(3)). */
  extendableUntil: z.string(),
  /** Still open after the legal end. */
  overdue: z.boolean(),
  requesterName: z.string(),
  requesterEmail: z.string().nullable(),
  requesterAddress: z.string().nullable(),
  details: z.string(),
  purpose: z.string().nullable(),
  changes: rectificationChanges.nullable(),
  subjectId: z.string().nullable(),
  caseId: z.string().nullable(),
  verificationMethod: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verificationNote: z.string().nullable(),
  decision: decisionKind.nullable(),
  decisionGround: z.string().nullable(),
  decisionMotivation: z.string().nullable(),
  decisionEvidence: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  answeredAt: z.string().nullable(),
  closingNote: z.string().nullable(),
  /** Attachments of mail imported for the request, dropped unread: Kluis keeps none (they may be ID copies). */
  attachmentsDropped: z.number().int(),
  /** Portability (Art. 20(2)): the organisation the person asked us to send the data to, and its address. */
  transferOrganisation: z.string().nullable(),
  transferEmail: z.string().nullable(),
  /** When the person confirmed that address from the mailbox we hold for them; nothing goes there before. */
  transferConfirmedAt: z.string().nullable(),
  /** For a request read from the mailbox: whether its sender's domain vouched for it (DKIM, SPF, DMARC); a signal, not a proof. */
  mailAuthentication: mailAuthenticationSchema.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RightsRequest = z.infer<typeof requestSchema>;

/**
 * One request as its page shows it: with the name of the customer it is about, so that staff read a name, never
 * an id (issue 19). `customerName` is null when the request is matched to no customer (`subjectId` null: the
 * identity is not proven yet, or the customer was erased), or when a restriction (Art. 18(2)) or an upheld
 * objection (Art. 21) keeps this reader from the customer's data: then `subjectId` is set and the name withheld.
 */
export const requestDetailSchema = requestSchema.extend({ customerName: z.string().nullable() });
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const requestSummarySchema = requestSchema.pick({
  id: true,
  reference: true,
  kind: true,
  channel: true,
  status: true,
  receivedAt: true,
  dueOn: true,
  extendedTo: true,
  deadline: true,
  legalEnd: true,
  overdue: true,
  requesterName: true,
  subjectId: true,
});
export type RequestSummary = z.infer<typeof requestSummarySchema>;

/** A request in the list, with its customer's name as on its page (requestDetailSchema says when it is null). */
export const requestListItemSchema = requestSummarySchema.extend({ customerName: z.string().nullable() });
export type RequestListItem = z.infer<typeof requestListItemSchema>;

/**
 * What the portal answers to anyone who files a request: the same for a customer and for someone who is not,
 * so the answer never tells whether an address belongs to a customer (EDPB 01/2022).
 */
export const publicReceiptSchema = z.object({
  reference: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  message: z.string(),
});
export type PublicReceipt = z.infer<typeof publicReceiptSchema>;

export const publicStatusSchema = z.object({
  reference: z.string(),
  stage: z.enum(['received', 'in_progress', 'answered']),
  receivedOn: z.string(),
  dueOn: z.string(),
});
export type PublicStatus = z.infer<typeof publicStatusSchema>;

/** Where a letter went: into the outbox, or to staff to print and post when there is no e-mail address. */
export const sentLetterSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), to: z.string(), outboxId: z.string(), title: z.string() }),
  z.object({ channel: z.literal('post'), to: z.string().nullable(), title: z.string(), text: z.string() }),
]);
export type SentLetter = z.infer<typeof sentLetterSchema>;

/** A change to a request, with the letter it caused. */
export const requestOutcomeSchema = z.object({ request: requestSchema, letter: sentLetterSchema.nullable() });
export type RequestOutcome = z.infer<typeof requestOutcomeSchema>;
