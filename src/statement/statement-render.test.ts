import { describe, expect, it } from 'vitest';
import { diffLines, withContext } from './line-diff.ts';
import { statementPage } from './pages.ts';
import { StatementRenderError } from './render-context.ts';
import { contentHash, renderStatement, renderStatements } from './render.ts';
import { DEFAULT_POLICY, plain, policyWith, recipientsOf, render, sectionOf } from '../../test/support/statements.ts';

const nl = render('nl');
const en = render('en');
const enMd = plain(en.markdown);

const listItems = (markdown: string) => markdown.split('\n').filter((l) => l.startsWith('- ')).length;

describe('the English statement carries the same facts as the Dutch one', () => {
  it('has the same sections in the same order', () => {
    expect(en.document.sections.map((s) => s.id)).toEqual(nl.document.sections.map((s) => s.id));
    expect(enMd.match(/^## /gm)).toHaveLength(11);
  });

  it('names the same controller, address and DPO contact', () => {
    expect(sectionOf(enMd, 'Contact details')).toContain(
      'Sen ICT\nAttn. Functionaris voor de Gegevensbescherming\nKetjapweg 40\n3541 RH UTRECHT\nNetherlands\nsecurity@senict.nl',
    );
    expect(sectionOf(enMd, 'When does')).toContain('This privacy statement applies to all products and services of Sen ICT.');
  });

  it('gives the same periods, from the same dates, under the same laws', () => {
    expect(enMd).toContain(
      'Agreement or quote: two years after the end of the agreement, unless the law requires us to keep them longer.',
    );
    expect(enMd).toContain(
      'If an agreement or quote belongs to an invoice, we keep it as long as the invoice: at least seven years after the end of the book year in which the invoice was issued',
    );
    expect(enMd).toContain(
      'Invoice: at least seven years after the end of the book year in which the invoice was issued (art. 52 lid 4 AWR; art. 2:10 lid 3 BW) and at least seven years after completion of the order or service; whichever is longer applies.',
    );
  });

  it('names the same recipients with the same data', () => {
    const recipients = sectionOf(enMd, 'To which other parties');
    expect(recipients).toContain(
      '**Accounting firm** (processor, Netherlands), for the purpose Invoices (legal obligation): name, address, customer reference and invoice details.',
    );
    expect(enMd).toContain(
      'Unlike our privacy statement of 2019, we do not record your gender, not even on invoices, because no law requires it.',
    );
    expect(enMd).not.toContain('name, gender');
    expect(recipients).toContain('**Suppliers of services delivered through third parties** (processor, Netherlands)');
    expect(recipients).toContain(
      ': address and e-mail address. Before this party receives your data for the first time, we tell you which company it is.',
    );
  });

  it('P9: names the accounting firm by its company once the register holds it, and then promises no separate notice; before, a notice', () => {
    const firm = {
      id: 'boekhouding',
      legalName: 'Boekhouding Utrecht B.V.',
      kvkNumber: '87654321',
      country: 'NL',
      role: 'processor' as const,
      transferMechanism: null,
      contactEmail: null,
      active: true,
      agreement: null,
    };
    const named = recipientsOf(DEFAULT_POLICY).map((r) => (r.id === 'administratiekantoor' ? { ...r, companies: [firm] } : r));
    const nlFirm = sectionOf(
      plain(renderStatement(DEFAULT_POLICY, named, 'nl', '2026-11-25').markdown),
      'Aan welke andere partijen',
    );
    expect(nlFirm).toContain(
      '**Administratiekantoor** (verwerker, Nederland), voor het doel Facturen (wettelijke verplichting): naam, adres, klantkenmerk en factuurgegevens. Het gaat om Boekhouding Utrecht B.V. (KvK-nummer 87654321, Nederland, verwerker). Omdat wij dit bedrijf hier bij naam noemen, krijgt u geen apart bericht wanneer het uw gegevens krijgt.',
    );
    const enFirm = sectionOf(renderStatement(DEFAULT_POLICY, named, 'en', '2026-11-25').markdown, 'To which other parties');
    expect(enFirm).toContain(
      'This is Boekhouding Utrecht B.V. (Dutch Chamber of Commerce number 87654321, Netherlands, processor). Because we name this company here, you receive no separate message when it receives your data.',
    );
    // Without the company the statement can only name a category: each disclosure is then told in advance.
    expect(sectionOf(enMd, 'To which other parties')).toContain(
      '**Accounting firm** (processor, Netherlands), for the purpose Invoices (legal obligation): name, address, customer reference and invoice details. Before this party receives your data for the first time, we tell you which company it is.',
    );
  });

  it('lists as many security measures, rights and recipients as the Dutch', () => {
    for (const [nlHeading, enHeading] of [
      ['Beveiliging', 'Security'],
      ['Uw rechten', 'Your rights'],
      ['Aan welke', 'To which'],
      ['Waar slaan', 'Where do we'],
    ]) {
      expect(listItems(sectionOf(enMd, enHeading as string))).toBe(listItems(sectionOf(plain(nl.markdown), nlHeading as string)));
    }
    expect(listItems(sectionOf(enMd, 'Security'))).toBe(DEFAULT_POLICY.document.security.length);
  });

  it('gives the legal bases, portability, the deadline and the supervisory authority in English', () => {
    expect(enMd).toContain('Legal basis: performance of a contract (Art. 6(1)(b) GDPR).');
    expect(enMd).toContain('Legal basis: legal obligation (Art. 6(1)(c) GDPR), art. 35a Wet OB; art. 52 AWR; art. 2:10 BW.');
    expect(enMd).toContain('Legal basis: legitimate interest (Art. 6(1)(f) GDPR).');
    expect(enMd).toContain(
      'to receive the data you gave us yourself for Performance of agreements for services and products (name, e-mail address, phone number, address, customer reference, agreements and quotes, correspondence, organisation you are a contact person for, role and business details of your sole proprietorship or partnership (trade name, KvK number, VAT number)) in a common, machine-readable format (JSON and CSV), or to have them sent to another organisation you name (Art. 20 GDPR);',
    );
    expect(enMd).toContain('at the latest within one month of receiving it');
    expect(enMd).toContain('lodge a complaint about our processing of your personal data with the Autoriteit Persoonsgegevens');
  });

  it('ends with the date in English', () => {
    expect(en.markdown.trimEnd().split('\n').at(-1)).toBe('Last changed on 25 November 2026.');
  });
});

describe('the HTML statement', () => {
  const hostile = policyWith('  name: Sen ICT\n', '  name: "Sen <script>alert(1)</script> & \\"Co\\" [x](javascript:y)"\n');

  it('escapes every value from the policy', () => {
    const html = renderStatement(hostile, recipientsOf(hostile), 'nl', '2026-11-25').html;
    expect(html).toContain('Sen &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; [x](javascript:y)');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('href="javascript');
  });

  it('escapes every value in the Markdown too', () => {
    const markdown = renderStatement(hostile, recipientsOf(hostile), 'nl', '2026-11-25').markdown;
    expect(markdown).toContain('Sen \\<script\\>alert(1)\\</script\\> \\& "Co" \\[x\\](javascript:y)');
  });

  it('is a full page: doctype, language, viewport, inline style for screen and print, no script, nothing loaded', () => {
    const page = statementPage('nl', { version: null, article: nl.html, markdown: nl.markdown }, false);
    expect(page.startsWith('<!doctype html>\n<html lang="nl">')).toBe(true);
    expect(page).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(page).toMatch(/<style>[\s\S]*@media print[\s\S]*<\/style>/);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|@import|url\(/i);
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '');
    expect(hrefs.filter((h) => !h.startsWith('/') && !h.startsWith('mailto:'))).toEqual([
      'https://autoriteitpersoonsgegevens.nl',
    ]);
    expect(hrefs).toEqual(expect.arrayContaining(['/privacy/versions', '/en/privacy']));
  });

  it('has a heading per section and the date in Dutch', () => {
    expect(nl.html.match(/<h2>/g)).toHaveLength(11);
    expect(nl.html).toContain('<time datetime="2026-11-25">Laatst gewijzigd op 25 november 2026.</time>');
    expect(en.html).toContain('<article lang="en">');
  });

  it('makes a link only of site paths, mail addresses and web pages', () => {
    const page = renderStatement(
      policyWith('website: https://autoriteitpersoonsgegevens.nl', 'website: "javascript:alert(1)"'),
      recipientsOf(DEFAULT_POLICY),
      'nl',
      '2026-11-25',
    );
    expect(page.html).not.toContain('href="javascript');
    expect(page.html).toContain('javascript:alert(1)');
  });
});

describe('what cannot be written truthfully is not written', () => {
  it('refuses a legal basis it has no words for (Art. 13(1)(c))', () => {
    const policy = policyWith('legalBasis: dpv:LegitimateInterest', 'legalBasis: dpv:Whim');
    expect(() => renderStatement(policy, recipientsOf(policy), 'nl', '2026-11-25')).toThrow(StatementRenderError);
  });

  it('refuses a recipient outside the EEA without a transfer safeguard (Art. 46)', () => {
    const recipients = recipientsOf(DEFAULT_POLICY).map((r) => (r.id === 'leveranciers' ? { ...r, country: 'US' } : r));
    expect(() => renderStatement(DEFAULT_POLICY, recipients, 'en', '2026-11-25')).toThrow(
      /outside the EEA without a transfer safeguard/,
    );
  });

  it('names a recipient outside the EEA with its safeguard, and leaves inactive recipients out', () => {
    const recipients = recipientsOf(DEFAULT_POLICY).map((r) =>
      r.id === 'leveranciers'
        ? { ...r, country: 'US', transferMechanism: 'dpv:StandardContractualClauses' }
        : { ...r, active: false },
    );
    const md = plain(renderStatement(DEFAULT_POLICY, recipients, 'nl', '2026-11-25').markdown);
    expect(md).toContain(
      '(verwerker, Verenigde Staten, buiten de EER, beschermd door standaardcontractbepalingen van de Europese Commissie (art. 46 lid 2 sub c AVG))',
    );
    expect(md).not.toContain('Administratiekantoor');
  });
});

describe('the content hash', () => {
  it('ignores the date line and changes with the text', () => {
    const a = renderStatements(DEFAULT_POLICY, recipientsOf(DEFAULT_POLICY), '2026-11-25');
    const b = renderStatements(DEFAULT_POLICY, recipientsOf(DEFAULT_POLICY), '2027-01-02');
    expect(b.nl.markdown).not.toBe(a.nl.markdown);
    expect(b.contentHash).toBe(a.contentHash);
    const changed = policyWith('period: P2Y\n    from: end_date', 'period: P3Y\n    from: end_date');
    expect(renderStatements(changed, recipientsOf(changed), '2026-11-25').contentHash).not.toBe(a.contentHash);
    expect(contentHash(a.nl.body, a.en.body)).toBe(a.contentHash);
  });
});

describe('the line diff', () => {
  it('keeps common lines and marks deletions before insertions', () => {
    expect(diffLines('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'del', text: 'b' },
      { kind: 'ins', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'ins', text: 'd' },
    ]);
  });

  it('diffs the first version against nothing', () => {
    expect(diffLines('', 'x\ny')).toEqual([
      { kind: 'ins', text: 'x' },
      { kind: 'ins', text: 'y' },
    ]);
  });

  it('keeps three lines of context around changes and marks what it leaves out', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n');
    const after = before.replace('line 10', 'line ten');
    const shown = withContext(diffLines(before, after));
    expect(shown.map((l) => (l === null ? '…' : `${l.kind} ${l.text}`))).toEqual([
      '…',
      'same line 7',
      'same line 8',
      'same line 9',
      'del line 10',
      'ins line ten',
      'same line 11',
      'same line 12',
      'same line 13',
      '…',
    ]);
  });
});
