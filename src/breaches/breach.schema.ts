import { z } from 'zod';
import { calendarDate, timestamp, trimmed } from '../shared/schema.ts';

// The breach register's words live with the database's vocabulary (a row read carries them).
import { EXEMPTION_GROUNDS, NOTIFICATION_PHASES, RISKS } from '../db/vocabulary.ts';
export {
  EXEMPTION_GROUNDS,
  type ExemptionGround,
  NOTIFICATION_PHASES,
  type NotificationPhase,
  RISKS,
  type Risk,
} from '../db/vocabulary.ts';

export const CLOCK_STATES = ['running', 'near', 'overdue', 'notified', 'notified_late', 'not_required'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

const text = trimmed(4000);
const dataCategory = z
  .string()
  .max(100)
  .regex(/^user(\.[a-z_]+)+$/, 'must be a data category of the policy such as user.contact.email');
const count = z.number().int().min(0).max(1_000_000_000);
const unique = (values: string[]) => new Set(values).size === values.length;

// Input. Strict objects: unknown fields are refused.

/** What Art. 33(3) and 33(5) ask to be documented about every breach, notified or not. */
export const newBreachSchema = z.strictObject({
  /** When the controller became aware: the 72 hours run from here. Fixed once recorded. */
  becameAwareAt: timestamp,
  /** What happened: the nature of the breach. */
  description: text,
  /** Categories of persons concerned, in words ("klanten", "medewerkers"). */
  subjectCategories: z.array(trimmed(200)).min(1).max(20).refine(unique, 'name each category once'),
  /** Categories of personal data, as the policy names them. */
  dataCategories: z.array(dataCategory).min(1).max(50).refine(unique, 'name each category once'),
  approxSubjects: count,
  approxRecords: count,
  /** The likely consequences for the persons. */
  consequences: text,
  /** The measures taken or proposed to address the breach and mitigate its effects. */
  measures: text,
  risk: z.enum(RISKS),
});
export type NewBreach = z.input<typeof newBreachSchema>;

/** A change of the assessment as more becomes known; the moment of awareness stays. */
export const breachPatchSchema = newBreachSchema
  .omit({ becameAwareAt: true })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');
export type BreachPatch = z.input<typeof breachPatchSchema>;

export const newNotificationSchema = z.strictObject({
  phase: z.enum(NOTIFICATION_PHASES),
  notifiedAt: timestamp,
  /** The authority's reference for the notification. */
  reference: trimmed(100),
  /** What this phase told the authority. */
  summary: text.optional(),
  /** Art. 33(1): required when the initial notification comes after 72 hours. */
  lateReason: text.optional(),
});
export type NewNotification = z.input<typeof newNotificationSchema>;

export const exemptionSchema = z
  .strictObject({
    ground: z.enum(EXEMPTION_GROUNDS),
    motivation: text,
    /** Art. 34(3)(c): the public communication made instead of letters. */
    publicNotice: z.strictObject({ publishedOn: calendarDate, where: trimmed(500), text }).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.ground === 'disproportionate' && e.publicNotice === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['publicNotice'],
        message: 'Art. 34(3)(c): record the public communication made instead of the letters',
      });
    }
    if (e.ground !== 'disproportionate' && e.publicNotice !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['publicNotice'],
        message: 'a public notice belongs to the ground disproportionate (Art. 34(3)(c))',
      });
    }
  });
export type Exemption = z.input<typeof exemptionSchema>;

/** The letter's own words in one language: plain language for the persons, not the register's. */
const letterText = z.strictObject({ whatHappened: text, consequences: text, measures: text, advice: text.optional() });
export type LetterText = z.infer<typeof letterText>;

export const breachLettersSchema = z.strictObject({
  /** The persons to tell; each gets the letter in their own language (Dutch or English). */
  subjectIds: z.array(z.uuid('must be a UUID')).min(1).max(500).refine(unique, 'name each subject once'),
  texts: z
    .strictObject({ nl: letterText.optional(), en: letterText.optional() })
    .refine((t) => t.nl !== undefined || t.en !== undefined, 'give the letter in Dutch (nl), English (en) or both'),
});
export type BreachLetters = z.input<typeof breachLettersSchema>;

export const breachListQuerySchema = z.strictObject({ open: z.enum(['true', 'false']).optional() });

// Output.

export const notificationSchema = z.object({
  id: z.string(),
  phase: z.enum(NOTIFICATION_PHASES),
  notifiedAt: z.string(),
  reference: z.string(),
  summary: z.string().nullable(),
  lateReason: z.string().nullable(),
  /** Made after the 72 hours (only the initial notification counts for the deadline). */
  late: z.boolean(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const breachSchema = z.object({
  id: z.string(),
  becameAwareAt: z.string(),
  description: z.string(),
  subjectCategories: z.array(z.string()),
  dataCategories: z.array(z.string()),
  approxSubjects: z.number(),
  approxRecords: z.number(),
  consequences: z.string(),
  measures: z.string(),
  risk: z.enum(RISKS),
  /** Art. 33(1): 72 hours from awareness; `near` with less than 24 hours left, `overdue` past it. */
  clock: z.object({ deadline: z.string(), hoursLeft: z.number().nullable(), state: z.enum(CLOCK_STATES) }),
  notifications: z.array(notificationSchema),
  exemption: z
    .object({
      ground: z.enum(EXEMPTION_GROUNDS),
      motivation: z.string(),
      publicNotice: z.object({ publishedOn: z.string(), where: z.string(), text: z.string() }).nullable(),
      recordedAt: z.string(),
      recordedBy: z.string(),
    })
    .nullable(),
  /** Art. 34 letters in the outbox: waiting or being sent, sent, given up. */
  letters: z.object({ queued: z.number(), sent: z.number(), failed: z.number() }),
  recordedAt: z.string(),
  recordedBy: z.string(),
  updatedAt: z.string(),
});
export type Breach = z.infer<typeof breachSchema>;

export const lettersResultSchema = z.object({
  queued: z.array(z.object({ subjectId: z.string(), outboxId: z.string(), language: z.enum(['nl', 'en']) })),
  /** Told about this breach before: no second letter. */
  alreadyInformed: z.array(z.string()),
  /** No e-mail address on file: the letter to post. */
  toPost: z.array(
    z.object({
      subjectId: z.string(),
      name: z.string(),
      address: z.string().nullable(),
      language: z.enum(['nl', 'en']),
      title: z.string(),
      text: z.string(),
    }),
  ),
});
export type LettersResult = z.infer<typeof lettersResultSchema>;
