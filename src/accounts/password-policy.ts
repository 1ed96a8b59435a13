import { dictionary } from '@zxcvbn-ts/language-common';
import { KluisError } from '../errors.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

// Only the listed passwords that are long enough to pass the length rule need to be looked up.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary.passwords.filter((p) => p.length >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase()));
  return common;
}

/**
 * Refuses a new password that is too short or on the bundled list of common passwords (NIST SP 800-63B
 * 5.1.1.2: at least the length, and checked against passwords known from breaches and dictionaries).
 */
export function checkNewPassword(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new KluisError('password_too_short', `The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (commonPasswords().has(password.toLowerCase())) {
    throw new KluisError('password_too_common', 'This password is on a list of common passwords; choose another');
  }
}
