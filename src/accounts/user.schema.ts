import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './password.ts';

export const email = z.email().max(254).transform((e) => e.toLowerCase());

export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(1024);

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
});
export type User = z.infer<typeof userSchema>;

export const loginSchema = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(1024),
});
