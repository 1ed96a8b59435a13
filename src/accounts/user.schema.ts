import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './password.ts';

export const email = z.email().max(254).transform((e) => e.toLowerCase());

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
  password,
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
});
export type User = z.infer<typeof userSchema>;

/** A code of the authenticator app (6 digits) or a recovery code (xxxx-xxxx-xxxx-xxxx). */
export const codeSchema = z.string().trim().min(1).max(64);

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
});
