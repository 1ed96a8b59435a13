import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './password.ts';

export const email = z
  .email()
  .max(254)
  .transform((e) => e.toLowerCase());

// The length and the list of common passwords are checked by checkNewPassword (password-policy.ts), which
// answers with their own codes (password_too_short, password_too_common).
export const password = z
  .string()
  .max(1024)
  .describe(`At least ${MIN_PASSWORD_LENGTH} characters, and not on the list of common passwords`);

export const newUserSchema = z.strictObject({
  email,
  displayName: z.string().trim().min(1).max(200),
  role: z.string().min(1).max(50),
  password: password
    .optional()
    .describe('Leave out to invite the person by mail to choose their own password (needs KLUIS_PUBLIC_URL)'),
  language: z.enum(['nl', 'en']).optional().describe('The language of the invitation mail; Dutch by default'),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  /** When the account confirmed a second factor; null: it has none. */
  secondFactorConfirmedAt: z.string().nullable(),
  /** The password was chosen by someone else: it must be changed at the next sign-in. */
  passwordChangeRequired: z.boolean(),
  /** Until when the open invitation to choose a password works; null: none open. */
  invitedUntil: z.string().nullable(),
});
export type User = z.infer<typeof userSchema>;

/**
 * A code of the authenticator app (6 digits; typed as the app shows it, "482 913", the spaces go) or a recovery
 * code (xxxx-xxxx-xxxx-xxxx, kept as typed: its check ignores spaces and dashes itself).
 */
export const codeSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .transform((c) => (/^[\d\s-]+$/.test(c) ? c.replace(/[\s-]/g, '') : c));

export const loginSchema = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(1024),
  code: codeSchema.optional().describe('Once the account has a second factor: the code of the app, or a recovery code'),
});

export const passwordChangeSchema = z.strictObject({
  currentPassword: z.string().max(1024),
  newPassword: password,
});
export type PasswordChange = z.infer<typeof passwordChangeSchema>;

export const sessionSchema = z.object({
  userId: z.string(),
  role: z.string(),
  expiresAt: z.string(),
  /** Send it back in the x-csrf-token header with every change made with the session cookie. */
  csrfToken: z.string(),
  /** True while the account must still confirm a second factor: then only the enrolment routes answer. */
  secondFactorRequired: z.boolean(),
  /** True while the password is one someone else chose: then only the password change answers. */
  passwordChangeRequired: z.boolean(),
  /** What the back office may offer the role: administration capabilities and work (guard/capability.ts). */
  capabilities: z.array(z.string()),
});

export const acceptInvitationSchema = z.strictObject({
  /** The token from the invitation mail's link (after '#'). */
  token: z.string().min(20).max(100),
  password,
});
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;

export const reinviteSchema = z.strictObject({ language: z.enum(['nl', 'en']).optional() });
