import { z } from 'zod';
import { REMINDER_KINDS } from './reminder-kinds.ts';

export const reminderKindSchema = z.enum(REMINDER_KINDS);

/** What an account chose: the language of its mail and the reminders it gets, beside those it could get. */
export const reminderPreferencesSchema = z.object({
  language: z.enum(['nl', 'en']),
  reminders: z.array(reminderKindSchema),
  /** The reminders the account's role may get (someone who cannot act on a thing is not reminded of it). */
  available: z.array(reminderKindSchema),
});
export type ReminderPreferences = z.infer<typeof reminderPreferencesSchema>;

export const reminderPreferencesInput = z.strictObject({
  language: z.enum(['nl', 'en']).optional().describe('The language of the mail the account gets'),
  reminders: z
    .array(reminderKindSchema)
    .max(REMINDER_KINDS.length)
    .optional()
    .describe('The reminders to get, of those available; an empty list: none'),
});
export type ReminderPreferencesInput = z.infer<typeof reminderPreferencesInput>;
