import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LetterSecret } from './letters.ts';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

/** The file in the data directory that holds the mail key when KLUIS_MAIL_KEY is not set. */
export const MAIL_KEY_FILE = 'mail.key';

/**
 * Seals the secrets of a letter (a verification code, a download link) for the outbox row, and opens them
 * again at the hand-over to SMTP. AES-256-GCM with the row's id as associated data, so a sealed value only
 * opens on the row it was written for. The key never reaches the database or an answer of the API: whoever
 * reads the outbox, through the API or in a copy of the database (a backup), sees a placeholder and a sealed
 * value, never a code or token that works (Art. 32(1): confidentiality of the means of access).
 */
export class MailSecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`The mail key must be ${KEY_BYTES} bytes`);
    this.#key = Buffer.from(key);
  }

  /** A new random key, for tests and for a key file written at first start. */
  static generateKey(): Buffer {
    return randomBytes(KEY_BYTES);
  }

  /** The secrets sealed for the outbox row `rowId`: `v1.<iv>.<tag>.<ciphertext>`, base64url. */
  seal(secrets: readonly LetterSecret[], rowId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(rowId, 'utf8'));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return [FORMAT, iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The secrets of the row; throws a SealedSecretError when they were sealed with another key or changed. */
  open(sealed: string, rowId: string): LetterSecret[] {
    const [format, iv, tag, data, ...rest] = sealed.split('.');
    if (format !== FORMAT || iv === undefined || tag === undefined || data === undefined || rest.length > 0)
      throw new SealedSecretError('not a sealed value of this version');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(rowId, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
      return JSON.parse(plain) as LetterSecret[];
    } catch {
      throw new SealedSecretError(
        "it does not open with this instance's mail key (KLUIS_MAIL_KEY or mail.key in the data directory)",
      );
    }
  }
}

/** A sealed value that cannot be opened here. */
export class SealedSecretError extends Error {
  constructor(reason: string) {
    super(`The secret of this message cannot be put in: ${reason}`);
    this.name = 'SealedSecretError';
  }
}

/** The text and HTML as they go to the SMTP server: every placeholder replaced by its secret. */
export function fillSecrets(
  mail: { text: string; html: string | null },
  secrets: readonly LetterSecret[],
): { text: string; html: string | null } {
  let { text, html } = mail;
  for (const s of secrets) {
    text = text.split(s.placeholder).join(s.text);
    html = html === null ? null : html.split(s.placeholder).join(s.html);
  }
  return { text, html };
}

/** KLUIS_MAIL_KEY: 32 bytes as 64 hex digits or base64; undefined when it is neither. */
export function decodeMailKey(value: string): Buffer | undefined {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}

/**
 * The mail key: KLUIS_MAIL_KEY when set, else `mail.key` in the data directory, written (mode 0600) at the
 * first start. Instances sharing one database must share the key: set KLUIS_MAIL_KEY on each, or copy the file.
 */
export function loadMailKey(options: { mailKey: string | undefined; dataDir: string }): Buffer {
  if (options.mailKey !== undefined) {
    const key = decodeMailKey(options.mailKey);
    if (key === undefined) throw new Error('KLUIS_MAIL_KEY must be 32 bytes, as 64 hex digits or base64');
    return key;
  }
  const file = path.join(options.dataDir, MAIL_KEY_FILE);
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) {
    // Written whole under another name and linked into place: of two instances starting at once on one data
    // directory, one key wins and neither reads a half-written file.
    const draft = `${file}.${randomBytes(6).toString('hex')}`;
    fs.writeFileSync(draft, `${MailSecretBox.generateKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  const key = decodeMailKey(fs.readFileSync(file, 'utf8'));
  if (key === undefined)
    throw new Error(`${file} does not hold a mail key of 32 bytes (base64); remove it to have a new one written`);
  return key;
}
