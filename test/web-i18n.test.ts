import { describe, expect, it } from 'vitest';
import { CHECK_WORDS } from '../src/doctor/check-words.ts';
import { CHECKS } from '../src/doctor/doctor.ts';
import { ERROR_CODES } from '../src/errors.ts';
import { MESSAGES } from '../web/src/i18n/messages.ts';

/** The back office speaks Dutch and English: every text in one exists in the other, none empty. */
describe('the back office texts', () => {
  it('has the same keys in Dutch and English, none empty', () => {
    const nl = Object.keys(MESSAGES.nl).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(
      nl.filter((k) => !en.includes(k)),
      'only in Dutch',
    ).toEqual([]);
    expect(
      en.filter((k) => !nl.includes(k)),
      'only in English',
    ).toEqual([]);
    expect(nl.length).toBeGreaterThan(20);
    for (const language of ['nl', 'en'] as const) {
      expect(
        Object.entries(MESSAGES[language])
          .filter(([, v]) => v.trim() === '')
          .map(([k]) => k),
        language,
      ).toEqual([]);
    }
  });

  it('says what every error code of the API means, in Dutch and in English', () => {
    for (const language of ['nl', 'en'] as const) {
      const missing = [...ERROR_CODES, 'network_error', 'unknown'].filter(
        (code) => MESSAGES[language][`errors.${code}`] === undefined,
      );
      expect(missing, language).toEqual([]);
    }
  });

  it('says what each self-check watches and finds in plain words, without setting names or API paths (issue 19)', () => {
    for (const language of ['nl', 'en'] as const) {
      for (const check of CHECKS) {
        for (const part of ['measure', 'problem']) {
          const text = MESSAGES[language][`selfCheck.${check.id}.${part}`];
          expect(text, `${language} ${check.id} ${part}`).toBeDefined();
          expect(text, `${language} ${check.id} ${part}`).not.toMatch(/KLUIS_|SMTP_URL|\/api\/|kluis \w+/);
        }
      }
    }
  });

  it('words each self-check in the reminder mail as on the start page, and says what to do (src/doctor/check-words.ts)', () => {
    for (const language of ['nl', 'en'] as const) {
      for (const check of CHECKS) {
        const words = CHECK_WORDS[check.id];
        expect(words, check.id).toBeDefined();
        expect(words?.measure[language], `${language} ${check.id}`).toBe(MESSAGES[language][`selfCheck.${check.id}.measure`]);
        expect(words?.problem[language], `${language} ${check.id}`).toBe(MESSAGES[language][`selfCheck.${check.id}.problem`]);
        expect(words?.action[language], `${language} ${check.id}`).not.toMatch(/KLUIS_|SMTP_URL|\/api\/|kluis \w+|_/);
      }
    }
  });
});
