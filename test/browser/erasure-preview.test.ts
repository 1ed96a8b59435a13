import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRequest } from '../support/executions.ts';
import { customer } from '../support/rights-e2e.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';

const WORDS = {
  nl: {
    decide: 'Besluit vastleggen',
    decision: 'Besluit',
    choose: 'Kies een besluit',
    granted: 'Ingewilligd',
    erased: 'Wordt definitief gewist',
    ground: 'Wettelijke bewaarplicht (art. 17 lid 3 sub b AVG)',
    until: '1 jan 2034',
    confirm: 'Ja, besluit vastleggen',
    cancel: 'Annuleren',
    dialog: 'Besluit over de verwijdering bevestigen',
    history: 'Verwijderd op verzoek',
    invoice: 'Factuur',
  },
  en: {
    decide: 'Record the decision',
    decision: 'Decision',
    choose: 'Choose a decision',
    granted: 'Granted',
    erased: 'Erased for good',
    ground: 'Legal obligation to keep it (Art. 17(3)(b) GDPR)',
    until: '1 Jan 2034',
    confirm: 'Yes, record the decision',
    cancel: 'Cancel',
    dialog: 'Confirm the decision on the erasure',
    history: 'Erased on request',
    invoice: 'Invoice',
  },
};

/**
 * Issue 19, part 1: deciding an erasure shows first what goes and what the law keeps (a dry run), has no outcome
 * chosen beforehand, asks for confirmation before anything is erased, and the customer page says afterwards which
 * request erased what and what is kept, why and until when. In Dutch and English.
 */
describe.runIf(HAS_CHROMIUM)('the erasure preview and confirmation in the back office (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  }, 60_000);
  afterAll(async () => b.close());

  const status = async (id: string) =>
    await b.database.db
      .selectFrom('rights_requests')
      .select(['status', 'decision'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  for (const language of ['nl', 'en'] as const) {
    it(`previews, confirms and then tells of the erasure on the customer page (${language})`, async () => {
      const w = WORDS[language];
      const c = await customer(b);
      const request = await newRequest(b, 'erasure', c.subject.id, {
        status: 'verified',
        decision: null,
        decided_at: null,
        decided_by: null,
        language,
      });
      const page: Page = await b.newPage(language);
      // A dpo of this language's own, so no second sign-in waits for a new step of the app's codes.
      await b.signInAs(page, await b.addUser('dpo'));
      await page.goto(`${b.baseUrl}/app/requests/${request.id}`);
      await expect.poll(() => page.getByText(w.erased).count()).toBe(1);

      // The preview: each record named, the kept invoice with its ground and date.
      await expect.poll(() => page.getByText('Offerte netwerk').count()).toBeGreaterThan(0);
      await expect.poll(() => page.getByText(c.opened.title).count()).toBeGreaterThan(0);
      const keptRow = page.getByRole('row', { name: new RegExp(`${w.invoice}: ${c.invoice.number ?? ''}`) });
      await expect.poll(() => keptRow.textContent()).toContain(w.ground);
      expect(await keptRow.textContent()).toContain(w.until);
      expect(await page.getByRole('link', { name: new RegExp(c.invoice.number ?? '-') }).getAttribute('href')).toBe(
        `/app/invoices/${c.invoice.id}`,
      );

      // No outcome chosen beforehand: submitting asks for one and records nothing.
      expect(await page.getByRole('combobox', { name: w.decision }).inputValue()).toBe('');
      await page.getByRole('button', { name: w.decide, exact: true }).click();
      await expect.poll(() => page.getByText(w.choose).count()).toBeGreaterThan(0);
      expect(await status(request.id)).toEqual({ status: 'verified', decision: null });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `erasure-preview-${language}`);

      // Granting asks for confirmation; cancelling erases nothing.
      await page.getByRole('combobox', { name: w.decision }).click();
      await page.getByRole('option', { name: w.granted, exact: true }).click();
      await page.getByRole('button', { name: w.decide, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w.dialog });
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain(`${c.subject.firstName} ${c.subject.lastName}`);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `erasure-confirm-${language}`);
      await dialog.getByRole('button', { name: w.cancel }).click();
      await dialog.waitFor({ state: 'hidden' });
      expect(await status(request.id)).toEqual({ status: 'verified', decision: null });
      expect(
        await b.database.db.selectFrom('agreements').select('id').where('id', '=', c.loose.id).executeTakeFirst(),
      ).toBeDefined();

      await page.getByRole('button', { name: w.decide, exact: true }).click();
      await page.getByRole('dialog', { name: w.dialog }).getByRole('button', { name: w.confirm }).click();
      await expect.poll(() => status(request.id)).toEqual({ status: 'answered', decision: 'partly_granted' });
      expect(
        await b.database.db.selectFrom('agreements').select('id').where('id', '=', c.loose.id).executeTakeFirst(),
      ).toBeUndefined();

      // The customer page says so: which request, and what is kept, why and until when.
      await page.goto(`${b.baseUrl}/app/customers/${c.subject.id}`);
      const notice = page.getByRole('region', { name: w.history });
      await expect.poll(() => notice.count()).toBe(1);
      await expect.poll(() => notice.textContent()).toContain(request.reference);
      expect(await notice.textContent()).toContain(w.ground);
      expect(await notice.textContent()).toContain(w.until);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `customer-erased-${language}`);
    }, 120_000);
  }
});
