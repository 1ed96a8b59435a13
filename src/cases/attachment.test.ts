import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_ATTACHMENT_BYTES } from '../mail/message-limits.ts';
import { sanitizeFilename } from '../shared/file-name.ts';
import { MESSAGE_ROUTE_BODY_LIMIT, attachmentDisposition, base64Length, decodedLength, isCanonicalBase64 } from './attachment.ts';

describe('attachment rules', () => {
  it('accepts what Buffer encodes and knows its decoded size without decoding', () => {
    for (let n = 1; n <= 12; n += 1) {
      const encoded = randomBytes(n).toString('base64');
      expect(isCanonicalBase64(encoded)).toBe(true);
      expect(decodedLength(encoded)).toBe(n);
      expect(encoded.length).toBe(base64Length(n));
    }
  });

  it('refuses base64 that decodes only by being lenient', () => {
    for (const text of ['', 'QUI', 'QUJD\r\nREVG', 'QUJD REVG', 'QR==', 'QUJ=', '-_-_', 'QU=I', '====', 'QUJDRA===']) {
      expect(isCanonicalBase64(text)).toBe(false);
    }
  });

  it('sanitises file names idempotently', () => {
    const names = [
      '../../etc/passwd',
      'C:\\Users\\anna\\brief.pdf',
      ' .verborgen ',
      'a\u0000b\u007fc\u009f.txt',
      'x\u202e\u2066y',
      'a<b>c:d"e|f?g*h',
      'tab\tand\n new',
      '\ud800lone',
      'é'.normalize('NFD'),
      '...',
    ];
    for (const name of names) {
      const once = sanitizeFilename(name);
      expect(sanitizeFilename(once)).toBe(once);
      expect(once).not.toMatch(/[/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(once.startsWith('.')).toBe(false);
    }
    expect(sanitizeFilename('C:\\Users\\anna\\brief.pdf')).toBe('brief.pdf');
    expect(sanitizeFilename(' .verborgen ')).toBe('verborgen');
    expect(sanitizeFilename('a<b>c:d"e|f?g*h')).toBe('a_b_c_d_e_f_g_h');
  });

  it('shortens a long file name but keeps its extension', () => {
    const long = `${'x'.repeat(500)}.docx`;
    const short = sanitizeFilename(long);
    expect([...short]).toHaveLength(200);
    expect(short.endsWith('.docx')).toBe(true);
    expect(sanitizeFilename(short)).toBe(short);
  });

  it('offers the file for saving with an ASCII name and the exact UTF-8 name', () => {
    expect(attachmentDisposition('offerte 2026 (v2).pdf')).toBe(
      `attachment; filename="offerte 2026 (v2).pdf"; filename*=UTF-8''offerte%202026%20%28v2%29.pdf`,
    );
    expect(attachmentDisposition('Ærø\\"x.txt')).toBe(
      `attachment; filename="_r___x.txt"; filename*=UTF-8''%C3%86r%C3%B8%5C%22x.txt`,
    );
  });

  it('leaves room in the message route for every attachment at its largest', () => {
    expect(MESSAGE_ROUTE_BODY_LIMIT).toBeGreaterThan(MAX_ATTACHMENTS_PER_MESSAGE * base64Length(MAX_ATTACHMENT_BYTES));
    expect(MESSAGE_ROUTE_BODY_LIMIT).toBeLessThan(80 * 1024 * 1024);
  });
});
