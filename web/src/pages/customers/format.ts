import type { AgreementStatus } from './types.ts';

/** An amount in cents as people of the language write money. */
export function money(cents: number, currency: string, language: string): string {
  return new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency }).format(cents / 100);
}

/** A country by its name in the language ("Nederland", "Belgium") instead of its ISO code; the code when unknown. */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language === 'nl' ? 'nl-NL' : 'en-GB'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language by its name in the page's language ("Engels" on a Dutch page), not in itself. */
export function languageName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language === 'nl' ? 'nl-NL' : 'en-GB'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The Badge colour of a state: shade 8 and darker, so light badges pass contrast. */
export const AGREEMENT_COLOR: Record<AgreementStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  accepted: 'cyan',
  rejected: 'red',
  active: 'cyan',
  ended: 'gray',
  cancelled: 'red',
};

export const fullName = (s: { firstName: string; lastName: string }) => `${s.firstName} ${s.lastName}`;

/** Today as YYYY-MM-DD in the browser's time zone. */
export const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
