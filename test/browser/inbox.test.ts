import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newCase, newSubject } from '../factories.ts';

let uid = 0;

/** Takes a mail in as the mailbox does (src/mailbox/mail-intake.service.ts), here without the IMAP server. */
async function mailArrives(b: BrowserApp, lines: string[], arrivedAt: Date): Promise<void> {
  uid += 1;
  const raw = Buffer.from([...lines, ''].join('\r\n'));
  await b.services.mailbox.intake.take(
    { folder: 'INBOX', uidValidity: '1', uid, arrivedAt, size: raw.length, envelope: { from: null, subject: null } },
    raw,
  );
}

/** Issue 17: staff triage the mail that is neither a reply to a case nor a request, on its page in the back office. */
describe.runIf(HAS_CHROMIUM)('the triage inbox in the back office (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  });
  afterAll(async () => b.close());

  it('staff register a mail to another address as a request, received on the day the mail arrived (Art. 12(3))', async () => {
    const arrivedAt = new Date('2026-11-20T10:00:00Z');
    await mailArrives(
      b,
      [
        'From: Hanna Wit <hanna@example.nl>',
        'To: info@senict.nl',
        'Subject: Mijn gegevens',
        'Date: Fri, 20 Nov 2026 10:59:00 +0100',
        '',
        'Ik wil graag weten welke gegevens jullie van mij hebben.',
      ],
      arrivedAt,
    );
    const page = await b.newPage('nl');
    await b.signInAs(page, await b.addUser('staff'));

    await page.getByRole('link', { name: 'Binnengekomen e-mail' }).click();
    await page.getByRole('link', { name: 'Mijn gegevens' }).click();
    await page.getByText('Het bericht is niet aan het privacyadres gestuurd').waitFor();
    await page.getByText('Ik wil graag weten welke gegevens jullie van mij hebben.').waitFor();
    // Staff may not erase: the page offers no discarding.
    expect(await page.getByRole('button', { name: 'Bericht verwijderen' }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'Soort verzoek' }).click();
    await page.getByRole('option', { name: 'Inzage' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'inbox-item-nl');
    await page.getByRole('button', { name: 'Registreren als verzoek' }).click();

    await page.waitForURL(/\/app\/requests\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /^Verzoek V-2026-/ }).waitFor();
    const request = await b.database.db
      .selectFrom('rights_requests')
      .select(['kind', 'channel', 'received_at', 'due_on', 'requester_name'])
      .where('requester_email', '=', 'hanna@example.nl')
      .executeTakeFirstOrThrow();
    expect(request).toEqual({
      kind: 'access',
      channel: 'email',
      received_at: arrivedAt.toISOString(),
      due_on: '2026-12-20',
      requester_name: 'Hanna Wit',
    });
    // The request page shows the sender was not confirmed by its domain (no DNS in the tests) and lets staff correct the kind.
    await page.getByText('Niet bevestigd: het domein van de afzender').waitFor();
    await page.getByRole('button', { name: 'Soort opslaan' }).waitFor();
    expect(await b.database.db.selectFrom('inbox_items').select('id').execute()).toEqual([]);
  });

  it('staff add a mail to a customer’s open case, with its attachment; the dpo may discard one (in English)', async () => {
    const subject = await newSubject(b, { firstName: 'Ivo', lastName: 'Bakker' });
    const opened = await newCase(b, subject.id, { title: 'Storing printer' });
    const pdf = Buffer.from('%PDF-1.4 foto van de storing').toString('base64');
    await mailArrives(
      b,
      [
        'From: ivo@example.nl',
        'To: support@senict.nl',
        'Subject: Foto storing',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'Hierbij de foto.',
        '--b',
        'Content-Type: application/pdf; name="storing.pdf"',
        'Content-Disposition: attachment; filename="storing.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        pdf,
        '--b--',
      ],
      new Date(),
    );
    await mailArrives(b, ['From: reclame@example.com', 'To: info@senict.nl', 'Subject: Aanbieding', '', 'Koop nu!'], new Date());
    const page = await b.newPage('en');
    await b.signInAs(page, await b.addUser('staff'));
    await page.goto(`${b.baseUrl}/app/inbox`);
    await page.getByRole('link', { name: 'Foto storing' }).click();
    await page.getByRole('link', { name: /storing\.pdf/ }).waitFor();

    await page.getByRole('textbox', { name: 'Customer' }).fill('Bakker');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: new RegExp(subject.reference) }).click();
    await page.getByRole('combobox', { name: 'Case' }).click();
    await page.getByRole('option', { name: new RegExp(opened.reference) }).click();
    await page.getByRole('button', { name: 'Add to the case' }).click();

    await page.waitForURL(new RegExp(`/app/cases/${opened.id}$`));
    await page.getByText('Hierbij de foto.').waitFor();
    await page.getByRole('link', { name: /storing\.pdf/ }).waitFor();

    const dpo = await b.newPage('en');
    await b.signInAs(dpo, await b.addUser('dpo'));
    await dpo.goto(`${b.baseUrl}/app/inbox`);
    await dpo.getByRole('link', { name: 'Aanbieding' }).click();
    expect(await seriousViolations(dpo)).toEqual([]);
    await screenshot(dpo, 'inbox-item-en');
    await dpo.getByRole('button', { name: 'Discard the message' }).click();
    await dpo.waitForURL(/\/app\/inbox$/);
    await dpo.getByText('No mail is waiting.').waitFor();
  });
});
