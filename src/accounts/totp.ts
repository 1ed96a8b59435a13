import { createHash, randomInt } from 'node:crypto';
import { generate, generateSecret, generateURI, verify } from 'otplib';

// RFC 6238 with what every authenticator app expects: SHA-1, 6 digits, 30-second steps.
const PERIOD_SECONDS = 30;
// One step either side: a phone's clock a little off, or a code typed just as it changed.
const TOLERANCE_SECONDS = PERIOD_SECONDS;

export const RECOVERY_CODE_COUNT = 10;
// Without 0/o, 1/l/i: read from paper and typed again. 16 characters of 31 are about 79 bits.
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new TOTP secret: 20 random bytes in base32, as authenticator apps take it. */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// URI an authenticator app reads (as a QR code or pasted). */
export const otpauthUri = (issuer: string, label: string, secret: string): string => generateURI({ issuer, label, secret });

const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/** The TOTP code of the secret at a moment (the harness and tests play the phone with it). */
export const totpCode = (secret: string, at: Date): Promise<string> => generate({ secret, epoch: seconds(at) });

/**
 * The time step a 6-digit code belongs to, if it is valid at `at` and newer than `afterStep` (the last step
 * accepted for the account), else undefined: a code is never accepted twice, even within its window.
 */
export async function acceptedStep(
  secret: string,
  code: string,
  at: Date,
  afterStep: number | null,
): Promise<number | undefined> {
  if (!isTotpCode(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: seconds(at),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

export const isTotpCode = (code: string): boolean => /^\d{6}$/.test(code);

/** Ten new recovery codes, `xxxx-xxxx-xxxx-xxxx`, to be shown once. */
export function newRecoveryCodes(): string[] {
  const group = () => Array.from({ length: 4 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => [group(), group(), group(), group()].join('-'));
}

/** What is stored of a recovery code: SHA-256 of the code without dashes, spaces or capitals. */
export const recoveryCodeHash = (code: string): string =>
  createHash('sha256').update(code.toLowerCase().replace(/[\s-]/g, '')).digest('hex');
