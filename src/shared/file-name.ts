const MAX_FILENAME_CHARS = 200;
// C0 and C1 controls, and the bidirectional overrides that make 'invoice\u202Efdp.exe' read as 'invoiceexe.pdf'.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// Reserved on Windows, where staff save these files; '"' would also end a quoted header parameter.
const RESERVED = /[<>:"|?*]/g;

/**
 * A file name that is safe to store and to offer for download: only the last path segment (a browser may
 * send 'C:\\Users\\x\\brief.pdf', an attacker '../../etc/passwd'), no control or bidi characters, no
 * leading dots, at most 200 characters with the extension kept. Idempotent, so the schema may apply it
 * to input that was already sanitised.
 */
export function sanitizeFilename(name: string): string {
  const lastSegment = name.split(/[/\\]/).pop() ?? '';
  const cleaned = lastSegment
    .toWellFormed()
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  const chars = [...cleaned];
  if (chars.length === 0) return 'attachment';
  if (chars.length <= MAX_FILENAME_CHARS) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 16 ? cleaned.slice(dot) : '';
  const stem = chars
    .slice(0, MAX_FILENAME_CHARS - [...extension].length)
    .join('')
    .replace(/[\s.]+$/g, '');
  return `${stem}${extension}`;
}
