import { NAV_TEXT } from '../pages/layout.ts';
import type { Lang } from './statement-document.ts';

/** The words around the statement on its pages: navigation, the version list, the diff. */
export const PAGE_TEXT: Record<
  Lang,
  {
    otherLanguage: { label: string; lang: Lang; home: string; versions: string };
    home: string;
    versionsHref: string;
    versionsLabel: string;
    /** The request pages, linked from every public page (P11): filing one, and its status. */
    requestHref: string;
    requestLabel: string;
    statusHref: string;
    statusLabel: string;
    navLabel: string;
    versionsTitle: string;
    current: string;
    version: (n: number) => string;
    readingVersion: (n: number, date: string) => string;
    currentLink: string;
    changesLink: string;
    diffTitle: (n: number) => string;
    diffAgainst: (n: number | null) => string;
    unchangedLines: string;
    none: string;
    table: { version: string; date: string; summary: string; changes: string };
    notFoundTitle: string;
    notFound: string;
  }
> = {
  nl: {
    ...NAV_TEXT.nl,
    otherLanguage: { ...NAV_TEXT.nl.otherLanguage, home: '/en/privacy', versions: '/en/privacy/versions' },
    versionsTitle: 'Versies van de privacyverklaring',
    current: 'geldende versie',
    version: (n) => `Versie ${n}`,
    readingVersion: (n, date) => `U leest versie ${n} van de privacyverklaring, gepubliceerd op ${date}.`,
    currentLink: 'Naar de geldende privacyverklaring',
    changesLink: 'Wat is er veranderd?',
    diffTitle: (n) => `Wat veranderde in versie ${n}`,
    diffAgainst: (n) =>
      n === null
        ? 'Dit is de eerste versie: alle regels zijn nieuw.'
        : `Vergeleken met versie ${n}. Toegevoegde regels zijn gemarkeerd met +, verwijderde met −.`,
    unchangedLines: '… ongewijzigde regels …',
    none: 'Er is nog geen versie gepubliceerd.',
    table: { version: 'Versie', date: 'Gepubliceerd op', summary: 'Omschrijving', changes: 'Wat veranderde' },
    notFoundTitle: 'Niet gevonden',
    notFound: 'Deze versie van de privacyverklaring bestaat niet.',
  },
  en: {
    ...NAV_TEXT.en,
    otherLanguage: { ...NAV_TEXT.en.otherLanguage, home: '/privacy', versions: '/privacy/versions' },
    versionsTitle: 'Versions of the privacy statement',
    current: 'current version',
    version: (n) => `Version ${n}`,
    readingVersion: (n, date) => `You are reading version ${n} of the privacy statement, published on ${date}.`,
    currentLink: 'To the current privacy statement',
    changesLink: 'What changed?',
    diffTitle: (n) => `What changed in version ${n}`,
    diffAgainst: (n) =>
      n === null
        ? 'This is the first version: every line is new.'
        : `Compared with version ${n}. Added lines are marked +, removed lines −.`,
    unchangedLines: '… unchanged lines …',
    none: 'No version has been published yet.',
    table: { version: 'Version', date: 'Published on', summary: 'Summary', changes: 'What changed' },
    notFoundTitle: 'Not found',
    notFound: 'This version of the privacy statement does not exist.',
  },
};
