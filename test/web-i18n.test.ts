import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../web/src/i18n/messages.ts';

/** The back office speaks Dutch and English: every text in one exists in the other, none empty. */
describe('the back office texts', () => {
  it('has the same keys in Dutch and English, none empty', () => {
    const nl = Object.keys(MESSAGES.nl).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(nl.filter((k) => !en.includes(k)), 'only in Dutch').toEqual([]);
    expect(en.filter((k) => !nl.includes(k)), 'only in English').toEqual([]);
    expect(nl.length).toBeGreaterThan(20);
    for (const language of ['nl', 'en'] as const) {
      expect(Object.entries(MESSAGES[language]).filter(([, v]) => v.trim() === '').map(([k]) => k), language).toEqual([]);
    }
  });
});
