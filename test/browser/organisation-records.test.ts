import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/guard/actor.ts';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { startTestSmtp, type TestSmtp } from '../smtp.ts';

const SELLER = { kvk: '30123456', vatNumber: 'NL123456789B01', iban: 'NL91ABNA0417164300' };

/**
 * Issue 20: an organisation's agreement and invoice name one of its contact persons, chosen by name in the back
 * office when made and changed in the agreement's dialog; the organisation's and the invoice's pages show whom, and
 * the invoice is mailed to that person. Both languages.
 */
describe.runIf(HAS_CHROMIUM)('the contact person on an organisation’s agreement and invoice (Chromium, sqlite)', () => {
  let b: BrowserApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    b = await startBrowserApp('sqlite', { smtpUrl: smtp.url, invoicing: SELLER });
  }, 60_000);
  afterAll(async () => {
    await b.close();
    await smtp.close();
  });

  const words = {
    nl: {
      agreements: /^Overeenkomsten en offertes/,
      newAgreement: 'Nieuwe overeenkomst of offerte',
      editAgreement: 'Netwerkbeheer bouwkeet wijzigen',
      title: 'Omschrijving',
      contact: 'Contactpersoon',
      save: 'Opslaan',
      invoices: /^Facturen/,
      newInvoice: 'Nieuwe conceptfactuur',
      line: 'Omschrijving regel 1',
      price: 'Prijs per stuk regel 1',
      send: 'Factuur versturen',
      confirm: 'Versturen',
      editDraft: 'Concept bewerken',
    },
    en: {
      agreements: /^Agreements and quotes/,
      newAgreement: 'New agreement or quote',
      editAgreement: 'Edit Netwerkbeheer bouwkeet',
      title: 'Title',
      contact: 'Contact person',
      save: 'Save',
      invoices: /^Invoices/,
      newInvoice: 'New draft invoice',
      line: 'Description of line 1',
      price: 'Unit price of line 1',
      send: 'Send invoice',
      confirm: 'Send',
      editDraft: 'Edit draft',
    },
  } as const;

  for (const language of ['nl', 'en'] as const) {
    const w = words[language];
    it(`names a contact person, chosen by name, on a new agreement (then another) and invoice, and mails the invoice to them (${language})`, async () => {
      const actor = cliActor();
      const { organisations } = b.services.organisations;
      const organisation = await organisations.create(actor, {
        name: `Bouwbedrijf Dekker ${language.toUpperCase()} B.V.`,
        kind: 'legal_entity',
        kvkNumber: language === 'nl' ? '30123456' : '30123457',
        addresses: [{ kind: 'postal', street: 'Kanaalweg 14', postalCode: '3526 KL', city: 'Utrecht', country: 'NL' }],
      });
      const petra = await organisations.addContact(actor, organisation.id, {
        person: { firstName: 'Petra', lastName: 'Dekker', email: `petra.${language}@dekker.example` },
        role: 'hoofd administratie',
      });
      const kees = await organisations.addContact(actor, organisation.id, {
        person: { firstName: 'Kees', lastName: 'Bouwer', email: `kees.${language}@dekker.example` },
        role: 'projectleider',
      });
      const page = await b.newPage(language);
      page.setDefaultTimeout(10_000);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app/organisations/${organisation.id}`);

      // The agreement names Kees, chosen from the organisation's contact persons by name and role.
      await page.getByRole('tab', { name: w.agreements }).click();
      await page.getByRole('button', { name: w.newAgreement }).click();
      const agreementDialog = page.getByRole('dialog');
      await agreementDialog.getByRole('textbox', { name: w.title, exact: true }).fill('Netwerkbeheer bouwkeet');
      const agreementContact = agreementDialog.getByRole('combobox', { name: w.contact });
      await agreementContact.click();
      await page.getByRole('option', { name: 'Kees Bouwer (projectleider)' }).click();
      await expect.poll(() => agreementContact.inputValue()).toBe('Kees Bouwer (projectleider)');
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `organisation-agreement-contact-${language}`);
      await agreementDialog.getByRole('button', { name: w.save }).click();
      // In the agreements' tab: the contact persons' table above names Kees too.
      const agreementsTab = page.getByRole('tabpanel', { name: w.agreements });
      await expect.poll(() => agreementsTab.getByRole('cell', { name: 'Kees Bouwer' }).count(), { timeout: 15_000 }).toBe(1);
      const agreement = await b.database.db
        .selectFrom('agreements')
        .select('contact_id')
        .where('organisation_id', '=', organisation.id)
        .executeTakeFirstOrThrow();
      expect(agreement.contact_id).toBe(kees.subjectId);

      // Changed in the agreement's dialog, which shows whom it names now: Petra instead of Kees.
      await page.getByRole('button', { name: w.editAgreement }).click();
      const editDialog = page.getByRole('dialog');
      const editContact = editDialog.getByRole('combobox', { name: w.contact });
      await expect.poll(() => editContact.inputValue()).toBe('Kees Bouwer (projectleider)');
      await editContact.click();
      await page.getByRole('option', { name: 'Petra Dekker (hoofd administratie)' }).click();
      await expect.poll(() => editContact.inputValue()).toBe('Petra Dekker (hoofd administratie)');
      expect(await seriousViolations(page)).toEqual([]);
      await editDialog.getByRole('button', { name: w.save }).click();
      // The agreements' tab names Petra only.
      await expect.poll(() => agreementsTab.getByRole('cell', { name: 'Petra Dekker' }).count(), { timeout: 15_000 }).toBe(1);
      expect(await agreementsTab.getByRole('cell', { name: 'Kees Bouwer' }).count()).toBe(0);
      const changed = await b.database.db
        .selectFrom('agreements')
        .select('contact_id')
        .where('organisation_id', '=', organisation.id)
        .executeTakeFirstOrThrow();
      expect(changed.contact_id).toBe(petra.subjectId);

      // The invoice is addressed to Petra; its page says so by name.
      await page.getByRole('tab', { name: w.invoices }).click();
      await page.getByRole('button', { name: w.newInvoice }).click();
      const invoiceDialog = page.getByRole('dialog');
      const invoiceContact = invoiceDialog.getByRole('combobox', { name: w.contact });
      await invoiceContact.click();
      await page.getByRole('option', { name: 'Petra Dekker (hoofd administratie)' }).click();
      await expect.poll(() => invoiceContact.inputValue()).toBe('Petra Dekker (hoofd administratie)');
      await invoiceDialog.getByLabel(w.line).fill('Beheer werkplekken');
      await invoiceDialog.getByLabel(w.price).fill('450');
      await invoiceDialog.getByRole('button', { name: w.save }).click();
      await expect.poll(() => page.url(), { timeout: 15_000 }).toMatch(/\/app\/invoices\/[^/]+$/);
      await expect.poll(() => page.getByText('Petra Dekker', { exact: true }).count()).toBe(1);
      expect(await page.getByText(petra.subjectId).count()).toBe(0);
      const invoice = await b.database.db
        .selectFrom('invoices')
        .select(['id', 'contact_id'])
        .where('organisation_id', '=', organisation.id)
        .executeTakeFirstOrThrow();
      expect(invoice.contact_id).toBe(petra.subjectId);

      // Issued and sent: the mail goes to Petra, with the PDF and the UBL.
      await b.services.invoices.issue(actor, invoice.id, {});
      await page.reload();
      await page.getByRole('button', { name: w.send }).click();
      await page.getByRole('dialog').getByRole('button', { name: w.confirm }).click();
      await expect.poll(() => page.getByText(`petra.${language}@dekker.example`).count()).toBeGreaterThan(0);
      // The confirmation has gone, not only begun to fade, before the page is judged.
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `organisation-invoice-contact-${language}`);
      await b.services.mailDelivery.deliverDue();
      // (Petra's first mail is the Art. 14 letter about the data her employer gave us.)
      const mail = await smtp.waitFor(
        (m) => m.envelope.to.includes(`petra.${language}@dekker.example`) && m.parsed.attachments.length > 0,
      );
      expect(mail.parsed.attachments.map((a) => a.contentType)).toEqual(['application/pdf', 'application/xml']);
    });

    it(`changes the contact person of a draft invoice in its dialog, and the invoice's page names the new one (${language})`, async () => {
      const actor = cliActor();
      const { organisations, records } = b.services.organisations;
      const organisation = await organisations.create(actor, {
        name: `Installatiebedrijf Smit ${language.toUpperCase()} B.V.`,
        kind: 'legal_entity',
        addresses: [{ kind: 'billing', street: 'Industrieweg 3', postalCode: '3542 AD', city: 'Utrecht', country: 'NL' }],
      });
      const anna = await organisations.addContact(actor, organisation.id, {
        person: { firstName: 'Anna', lastName: 'Smit', email: `anna.${language}@smit.example` },
        role: 'inkoper',
      });
      const joost = await organisations.addContact(actor, organisation.id, {
        person: { firstName: 'Joost', lastName: 'Visser', email: `joost.${language}@smit.example` },
        role: 'boekhouder',
      });
      const draft = await records.createInvoice(actor, organisation.id, {
        contactId: anna.subjectId,
        lines: [{ description: 'Onderhoud cv-ketels', quantity: 1, unitPriceCents: 12500, vatRate: 21 }],
      });
      const page = await b.newPage(language);
      page.setDefaultTimeout(10_000);
      await b.signInAs(page, await b.addUser('staff'));
      await page.goto(`${b.baseUrl}/app/invoices/${draft.id}`);
      await expect.poll(() => page.getByText('Anna Smit', { exact: true }).count()).toBe(1);

      // The draft's dialog shows whom it is addressed to now, and takes another of the organisation's contact persons.
      await page.getByRole('button', { name: w.editDraft }).click();
      const dialog = page.getByRole('dialog');
      const contact = dialog.getByRole('combobox', { name: w.contact });
      await expect.poll(() => contact.inputValue()).toBe('Anna Smit (inkoper)');
      await contact.click();
      await page.getByRole('option', { name: 'Joost Visser (boekhouder)' }).click();
      await expect.poll(() => contact.inputValue()).toBe('Joost Visser (boekhouder)');
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: w.save }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });

      // The page names Joost, by name and role, and not Anna; no id is shown.
      await expect.poll(() => page.getByText('Joost Visser', { exact: true }).count(), { timeout: 15_000 }).toBe(1);
      expect(await page.getByText('boekhouder', { exact: true }).count()).toBe(1);
      expect(await page.getByText('Anna Smit', { exact: true }).count()).toBe(0);
      expect(await page.getByText(joost.subjectId).count()).toBe(0);
      const row = await b.database.db
        .selectFrom('invoices')
        .select(['contact_id', 'status'])
        .where('id', '=', draft.id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ contact_id: joost.subjectId, status: 'draft' });
      // One modify of the invoice, naming the new contact person.
      const entry = await b.database.db
        .selectFrom('processing_log')
        .select(['operation', 'record_type', 'subject_ids'])
        .where('operation', '=', 'modify')
        .where('record_type', '=', 'invoice')
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(entry.subject_ids)).toContain(joost.subjectId);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `invoice-draft-contact-changed-${language}`);
    });
  }
});
