import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSubject } from '../factories.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { addDays, businessToday } from '../../src/shared/business-day.ts';

const WORDS = {
  nl: {
    title: 'Verwerkingslog',
    who: 'Wie',
    kind: 'Soort gegevens',
    from: 'Vanaf',
    customerDetails: 'Klantgegevens',
    consult: 'Raadplegen',
    purpose: 'Uitvoering van overeenkomst voor diensten en producten',
    role: 'Medewerker',
    export: 'Exporteren (CSV)',
  },
  en: {
    title: 'Processing log',
    who: 'Who',
    kind: 'Kind of data',
    from: 'From',
    customerDetails: 'Customer details',
    consult: 'Consult',
    purpose: 'Performance of agreements for services and products',
    role: 'Staff',
    export: 'Export (CSV)',
  },
};

/**
 * Issue 19, part 3: the processing log names who by name and what in words (operation, kind of data, the
 * policy's purpose), is filtered by actor, kind of data and period (dd-mm-jjjj) with the filters in the address,
 * and exports what it shows as CSV, the export itself logged.
 */
describe.runIf(HAS_CHROMIUM)('the processing log in words (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  for (const language of ['nl', 'en'] as const) {
    it(`shows, filters and exports the log in words (${language})`, async () => {
      const w = WORDS[language];
      const staffEmail = await b.addUser('staff');
      const staff = await b.database.db
        .selectFrom('users')
        .select(['id', 'display_name'])
        .where('email', '=', staffEmail)
        .executeTakeFirstOrThrow();
      const subject = await newSubject(b);
      await b.services.subjects.get({ kind: 'user', id: staff.id, role: 'staff' }, subject.id);

      const page = await b.newPage(language);
      await b.signInAs(page, await b.addUser('dpo'));
      await page.goto(`${b.baseUrl}/app/log`);
      await page.getByRole('heading', { level: 2, name: w.title }).waitFor();
      await page.getByRole('combobox', { name: w.who }).click();
      await page.getByRole('option', { name: staff.display_name, exact: true }).click();
      await page.getByRole('combobox', { name: w.kind }).click();
      await page.getByRole('option', { name: w.customerDetails, exact: true }).click();
      // A week ago where the business is, as a Dutch user types it (the test's browser runs in UTC).
      const [yyyy, mm, dd] = addDays(businessToday(new Date()), -7).split('-');
      const typed = `${dd}-${mm}-${yyyy}`;
      // Fill and leave the field at once, as a quick user does: the filter's navigation is still on its way when the
      // field loses focus, which once emptied the field (date-field.tsx, useHeldValue).
      await page.getByRole('textbox', { name: w.from }).fill(typed);
      await page.getByRole('textbox', { name: w.from }).blur();
      await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(`${yyyy}-${mm}-${dd}`);
      expect(new URL(page.url()).searchParams.get('actor')).toBe(staff.id);

      const rows = page.getByRole('row').filter({ hasText: staff.display_name });
      await expect.poll(() => rows.count()).toBe(1);
      const row = await rows.first().innerText();
      for (const words of [w.consult, w.customerDetails, w.purpose, w.role]) expect(row).toContain(words);
      const body = await page.locator('main').innerText();
      expect(body).not.toContain(staff.id);
      expect(body).not.toMatch(/\bconsult\b|\bsubject\b|\bcontract\b/);
      expect(await page.getByRole('textbox', { name: w.from }).inputValue()).toBe(typed);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `processing-log-${language}`);

      // Reload keeps the filters; the export takes the same ones, and is logged.
      await page.reload();
      await expect.poll(() => page.getByRole('row').filter({ hasText: staff.display_name }).count()).toBe(1);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: w.export }).click()]);
      const csv = fs
        .readFileSync((await download.path()) ?? '', 'utf8')
        .trimEnd()
        .split('\r\n');
      expect(csv[0]).toMatch(/^seq,at,actor_kind,actor_id,actor_name,/);
      expect(csv).toHaveLength(2);
      expect(csv[1]).toContain(
        `,${staff.display_name},staff,consult,subject,contract,${w.purpose.includes(',') ? `"${w.purpose}"` : w.purpose},`,
      );
      const exported = await b.database.db
        .selectFrom('processing_log')
        .select(['operation', 'record_type', 'reason'])
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(exported.operation).toBe('export');
      expect(exported.record_type).toBe('processing_log');
      expect(exported.reason).toContain(`actorId=${staff.id}`);
    }, 120_000);
  }
});
