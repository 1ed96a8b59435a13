import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

// Without 0/O and 1/I, so a reference read over the phone or typed from a letter comes out right.
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/**
 * A request reference such as V-2026-7K3Q9M, in the year of receipt. Random (32^6, about a billion per
 * year), not sequential: it is shown to whoever files a request and must not lead to anyone else's.
 */
export function randomRequestReference(receivedAt: string): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += REFERENCE_ALPHABET.charAt(randomInt(0, REFERENCE_ALPHABET.length));
  return `V-${receivedAt.slice(0, 4)}-${code}`;
}

/** A 6-digit code for the mail (EDPB 01/2022; the issue asks for at least six digits). */
export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** A 128-bit token for the link in the mail, URL-safe. */
export const newToken = (): string => randomBytes(16).toString('base64url');

/**
 * What is stored of a code or token: a SHA-256 bound to its challenge, never the secret itself. A six-digit
 * code could be found from its hash by trying them all; what makes that useless is that a code lives 30
 * minutes and is used up at once.
 */
export const secretHash = (challengeId: string, secret: string): string =>
  createHash('sha256').update(`${challengeId}:${secret}`).digest('hex');

/** Compares a secret with a stored hash in constant time. */
export function matchesHash(challengeId: string, secret: string, stored: string | null): boolean {
  const actual = Buffer.from(secretHash(challengeId, secret), 'hex');
  // A challenge without a secret (someone who is no customer) is compared all the same, against nothing that can match.
  const expected = stored === null ? Buffer.alloc(actual.length, 0xff) : Buffer.from(stored, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual) && stored !== null;
}
