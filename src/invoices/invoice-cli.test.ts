import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { pdfText } from '../../test/pdf-text.ts';
import { cliActor } from '../guard/actor.ts';
import { businessToday } from '../shared/business-day.ts';

const SELLER_ENV = {
  KLUIS_SELLER_KVK: '30123456',
  KLUIS_SELLER_VAT_NUMBER: 'NL 1234.56789 B01',
  KLUIS_SELLER_IBAN: 'NL91 ABNA 0417 1643 00',
};

describe.each(DIALECTS)('kluis invoice, on %s', (dialect) => {
  let t: TestApp;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-invoice-cli-'));
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the PDF, sends the invoice with the configured seller, records a payment and refuses a reminder for a paid invoice', async () => {
    const subject = await newSubject(t);
    const invoice = await t.services.invoices.issue(cliActor(), (await newInvoice(t, subject.id)).id, {});
    const out = path.join(dir, 'factuur.pdf');
    const written = runCli(t.database, ['invoice', 'pdf', invoice.id, '--out', out], { env: SELLER_ENV });
    expect(written.stderr).toBe('');
    const [page] = await pdfText(fs.readFileSync(out));
    // The configuration's VAT number and IBAN, written the way they are meant.
    expect(page).toContain('Btw-nummer: NL123456789B01');
    expect(page).toContain('IBAN: NL91ABNA0417164300');

    const sent = runCli(t.database, ['invoice', 'send', invoice.id], { env: SELLER_ENV });
    expect(sent.stderr).toBe('');
    expect(sent.stdout).toContain(`Queued for ${subject.email ?? ''}`);
    const unsent = runCli(t.database, ['invoice', 'send', invoice.id]);
    expect(unsent.status).toBe(1);
    expect(unsent.stderr).toContain('seller_details_missing');

    const paid = runCli(t.database, ['invoice', 'pay', invoice.id, '--amount', '110.11', '--on', businessToday(new Date())]);
    expect(paid.stderr).toBe('');
    expect(paid.stdout).toContain('is paid with 0.00 outstanding');
    const reminded = runCli(t.database, ['invoice', 'remind', invoice.id]);
    expect(reminded.status).toBe(1);
    expect(reminded.stderr).toContain('invoice_paid');
    // Six `kluis` processes, each loading the app: under load that is more than the default minute.
  }, 180_000);

  it('refuses a bad seller configuration at start-up, naming the variable', () => {
    const bad = runCli(t.database, ['invoice', 'overdue'], { env: { KLUIS_SELLER_IBAN: 'NL00ABNA0417164300' } });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('KLUIS_SELLER_IBAN');
  });
});
