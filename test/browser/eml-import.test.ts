import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, HAS_CHROMIUM, screenshot, seriousViolations, startBrowserApp } from '../browser.ts';
import { newCase, newSubject } from '../factories.ts';

const ATTACHMENT = Buffer.from('%PDF-1.4 offerte printer');

/** A small mail as a mail program saves it, with one PDF attachment. */
const EML = [
  'From: "Anna de Vries" <anna@example.nl>',
  'To: security@senict.nl',
  'Subject: Offerte nieuwe printer',
  'Date: Tue, 3 Nov 2026 14:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="kluis-browser"',
  '',
  '--kluis-browser',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hierbij de getekende offerte voor de printer.',
  '--kluis-browser',
  'Content-Type: application/pdf; name="offerte.pdf"',
  'Content-Disposition: attachment; filename="offerte.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  ATTACHMENT.toString('base64'),
  '--kluis-browser--',
  '',
].join('\r\n');

/** Staff import a mail saved as .eml into a case from its page (issue 8). */
describe.runIf(HAS_CHROMIUM)('importing an .eml on the case page (Chromium, sqlite)', () => {
  let b: BrowserApp;
  beforeAll(async () => {
    b = await startBrowserApp('sqlite');
  });
  afterAll(async () => b.close());

  it('staff upload the mail; the message and its attachment appear and are stored', async () => {
    const subject = await newSubject(b);
    const opened = await newCase(b, subject.id);
    const page = await b.newPage('nl');
    await b.signInAs(page, await b.addUser('staff'));
    await page.goto(`${b.baseUrl}/app/cases/${opened.id}`);
    await page.getByRole('heading', { name: 'E-mail importeren (.eml)' }).waitFor();
    // Mantine's FileInput is a button over a hidden file input; the accept attribute tells the two apart.
    await page
      .locator('input[type="file"][accept*=".eml"]')
      .setInputFiles({ name: 'offerte.eml', mimeType: 'message/rfc822', buffer: Buffer.from(EML) });
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('Hierbij de getekende offerte voor de printer.').waitFor();
    await page.getByRole('link', { name: /offerte\.pdf/ }).waitFor();

    const messages = await b.database.db
      .selectFrom('messages')
      .select(['id', 'direction', 'channel', 'title', 'from_address', 'body'])
      .where('case_id', '=', opened.id)
      .execute();
    expect(messages.map(({ id: _, ...m }) => m)).toEqual([
      {
        direction: 'inbound',
        channel: 'email',
        title: 'Offerte nieuwe printer',
        from_address: '"Anna de Vries" <anna@example.nl>',
        body: 'Hierbij de getekende offerte voor de printer.',
      },
    ]);
    const attachments = await b.database.db
      .selectFrom('attachments')
      .select(['filename', 'content_type', 'size_bytes'])
      .where('message_id', '=', messages[0]?.id ?? '')
      .execute();
    expect(attachments.map((a) => ({ ...a, size_bytes: Number(a.size_bytes) }))).toEqual([
      { filename: 'offerte.pdf', content_type: 'application/pdf', size_bytes: ATTACHMENT.length },
    ]);
    const entry = await b.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'outcome'])
      .where('records', 'like', `%message:${messages[0]?.id ?? ''}%`)
      .where('operation', '=', 'collect')
      .execute();
    // One entry for the import; the reload after it is a consultation of the case.
    expect(entry).toEqual([{ operation: 'collect', record_type: 'message', outcome: 'allowed' }]);

    expect(await seriousViolations(page)).toEqual([]);
    await page.mouse.wheel(0, -10_000);
    await screenshot(page, 'case-eml-import-nl');
  });
});
