import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as dutch from '@zxcvbn-ts/language-nl-be';
import { KluisError } from '../errors.ts';
import { MIN_PASSWORD_LENGTH } from './password.ts';

// zxcvbn estimates how many guesses a password takes, knowing the common passwords, English and Dutch words
// and names, keyboard patterns, dates and repeats ("wachtwoord12" is a Dutch word and two digits). Score 3 is
// "safely unguessable" against an online attack and slows an offline one; below it the password is refused.
const MIN_SCORE = 3;
let configured = false;
function configure(): void {
  if (configured) return;
  zxcvbnOptions.setOptions({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary, ...dutch.dictionary },
  });
  configured = true;
}

/**
 * Refuses a new password that is too short or too easy to guess (NIST SP 800-63B 5.1.1.2: at least the length,
 * and checked against passwords known from breaches, dictionary words, repetitive or sequential characters, and
 * context-specific words). `context` is what an attacker knows of the account: its e-mail address, its name and
 * the organisation's name.
 */
export function checkNewPassword(password: string, context: readonly string[] = []): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new KluisError('password_too_short', `The password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  configure();
  const words = context.flatMap((c) => c.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 3);
  if (zxcvbn(password, ['kluis', ...words]).score < MIN_SCORE) {
    throw new KluisError(
      'password_too_common',
      'This password is too easy to guess: a common password, a word with digits, a keyboard pattern or a name; choose a longer passphrase of a few unrelated words',
    );
  }
}
