/**
 * XML text: the five special characters escaped, and characters XML 1.0 does not allow at all (control
 * characters other than tab and line ends, lone surrogates, U+FFFE/U+FFFF) replaced, so no invoice text can
 * break the document or smuggle markup into it.
 */
export function xmlText(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
