/**
 * The countries of the European Economic Area: the 27 EU member states plus Iceland, Liechtenstein and
 * Norway. A transfer to any other country is a transfer to a third country (Chapter V GDPR, Art. 44-46).
 */
export const EEA_COUNTRIES: ReadonlySet<string> = new Set([
  // EU 27
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  // EEA, not EU
  'IS',
  'LI',
  'NO',
]);

/** Whether the ISO 3166 alpha-2 country lies inside the EEA. */
export const insideEea = (country: string): boolean => EEA_COUNTRIES.has(country.toUpperCase());

/** A country by its ISO 3166 code, in words of the language ("Ierland", "Ireland"); the code itself if unknown. */
export function countryWords(country: string, lang: 'nl' | 'en'): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(country.toUpperCase()) ?? country;
  } catch {
    return country;
  }
}
