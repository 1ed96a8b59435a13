import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { POLICY_PATH } from '../../../test/harness.ts';
import type { Recipient } from '../../registers/recipient.schema.ts';
import type { PolicyDocument } from '../policy.schema.ts';
import type { Finding } from './finding.ts';
import { lintPolicyText } from './lint.ts';

const CLEAN = fs.readFileSync(new URL('./fixtures/clean.yaml', import.meta.url), 'utf8');
const TODAY = '2026-11-25';

/** The clean fixture with one change, as YAML text again. */
function variant(edit: (d: PolicyDocument) => void): string {
  const d = parse(CLEAN) as PolicyDocument;
  edit(d);
  return stringify(d);
}

const lint = (text: string, register: Recipient[] | null = null): Finding[] => lintPolicyText(text, { register, today: TODAY }).findings;
const brief = (fs: Finding[]) => fs.map((f) => `${f.severity} ${f.id} ${f.path}`);

/** The register as the clean policy seeds it, with agreements in force; the overrides change the bookkeeper. */
function register(overrides: Partial<Recipient> = {}): Recipient[] {
  return [
    {
      id: 'boekhouder',
      name: { nl: 'Boekhouder', en: 'Bookkeeper' },
      role: 'processor',
      purposes: ['invoicing'],
      categories: ['user.name', 'user.financial.invoice'],
      country: 'NL',
      transferMechanism: null,
      noticePerDisclosure: true,
      contactEmail: null,
      active: true,
      agreement: { id: 'a1', signedOn: '2025-01-01', expiresOn: null, documentReference: 'VWO-2025' },
      companies: [],
      ...overrides,
    },
    {
      id: 'hoster',
      name: { nl: 'Hoster', en: 'Hoster' },
      role: 'processor',
      purposes: ['contract', 'invoicing'],
      categories: ['user.name', 'user.contact.address', 'user.contract', 'user.correspondence', 'user.consent', 'user.financial.invoice'],
      country: 'NL',
      transferMechanism: null,
      noticePerDisclosure: false,
      contactEmail: null,
      active: true,
      agreement: { id: 'a2', signedOn: '2025-01-01', expiresOn: null, documentReference: 'VWO-HOST' },
      companies: [],
    },
  ];
}

describe('the policy linter', () => {
  it('finds nothing in a clean policy, alone or with a register that matches it', () => {
    expect(lint(CLEAN)).toEqual([]);
    expect(lint(CLEAN, register())).toEqual([]);
  });

  it('refuses a legal basis that is not one of Art. 6(1)', () => {
    const [f] = lint(variant((d) => (d.purposes.contract!.legalBasis = 'dpv:Marketing')));
    expect(f).toMatchObject({ id: 'unknown-legal-basis', severity: 'error', path: 'purposes.contract.legalBasis', law: 'Art. 6(1) GDPR' });
    expect(f?.message).toContain('dpv:Marketing');
  });

  it('refuses bookkeeping records with no rule of at least seven years', () => {
    const findings = lint(variant((d) => (d.retention[1]!.period = 'P5Y')));
    expect(brief(findings)).toEqual(['error bookkeeping-without-fiscal-retention records.invoice']);
    expect(findings[0]?.law).toContain('AWR art. 52');
  });

  it('refuses a fiscal rule that does not count from the end of the book year (art. 52 lid 4 AWR, art. 2:10 lid 3 BW)', () => {
    const findings = lint(variant((d) => (d.retention[1]!.from = 'completed_on')));
    expect(brief(findings)).toEqual(['error fiscal-retention-not-from-book-year retention[1].from']);
    expect(findings[0]?.message).toContain('counts from completion of the order or service');
    expect(findings[0]?.law).toContain('AWR art. 52 lid 4');
  });

  it('refuses a policy whose seven years on invoices count from another day than the end of the book year, cited or not', () => {
    const findings = lint(
      variant((d) => {
        d.retention[1]!.from = 'issue_date';
        delete d.retention[1]!.legalObligation;
      }),
    );
    expect(brief(findings)).toEqual(['error fiscal-retention-not-from-book-year records.invoice']);
  });

  it('accepts the promise of seven years after completion next to the fiscal rule', () => {
    const findings = lint(variant((d) => d.retention.splice(2, 0, { id: 'promise', records: ['invoice'], period: 'P7Y', from: 'completed_on', reason: { nl: 'belofte', en: 'promise' } })));
    expect(findings).toEqual([]);
  });

  it('warns that a two-year rule does not decide for agreements behind an invoice, and says what does', () => {
    const findings = lint(variant((d) => (d.retention[1]!.linked = ['agreement'])));
    expect(brief(findings)).toEqual(['warning short-retention-on-bookkeeping retention[0]']);
    expect(findings[0]?.message).toContain('agreement or quote records behind an invoice are bookkeeping records too');
    expect(findings[0]?.message).toContain('seven years after the end of the book year in which the invoice was issued (fiscal; AWR art. 52)');
    expect(findings[0]?.law).toBe('AWR art. 52');
  });

  it('warns when a short rule names a bookkeeping record the fiscal rule keeps longer', () => {
    const findings = lint(variant((d) => d.retention[0]!.records.push('invoice')));
    expect(brief(findings)).toContainEqual('warning short-retention-on-bookkeeping retention[0]');
  });

  it('warns about a record type no retention rule names, but not about the subject', () => {
    const findings = lint(variant((d) => d.retention.splice(3, 1)));
    expect(brief(findings)).toEqual(['warning record-without-retention records.consent']);
    expect(findings[0]?.law).toContain('Art. 5(1)(e)');
  });

  it('refuses gender under a legal obligation: art. 35a Wet OB does not require it (Art. 6(1)(c) GDPR; CJEU C-394/23 Mousse)', () => {
    const findings = lint(
      variant((d) => {
        d.categories['user.gender'] = { nl: 'geslacht', en: 'gender' };
        d.purposes.invoicing!.categories.push('user.gender');
        d.records.invoice.categories.push('user.gender');
        // The storage provider keeps it too (storage-processor).
        d.recipients[1]!.categories.push('user.gender');
      }),
    );
    expect(brief(findings)).toEqual(['error category-not-required-by-law purposes.invoicing.categories[3]']);
    expect(findings[0]?.message).toContain('art. 35a Wet OB does not require it');
    expect(findings[0]?.message).toContain('C-394/23');
    expect(findings[0]?.law).toContain('Art. 6(1)(c)');
  });

  it('refuses any category under Art. 6(1)(c) that the provision the policy cites does not require', () => {
    const findings = lint(variant((d) => d.purposes.invoicing!.categories.push('user.contract')));
    expect(brief(findings)).toEqual(['error category-not-required-by-law purposes.invoicing.categories[3]']);
  });

  it('refuses a provision said to require gender, and a legal obligation that names no provision', () => {
    const claimed = lint(
      variant((d) => {
        d.categories['user.gender'] = { nl: 'geslacht', en: 'gender' };
        d.purposes.invoicing!.requiredBy![0]!.categories.push('user.gender');
      }),
    );
    expect(brief(claimed)).toContainEqual('error category-not-required-by-law purposes.invoicing.requiredBy[0].categories[3]');
    const unnamed = lint(variant((d) => delete d.purposes.invoicing!.requiredBy));
    expect(brief(unnamed)).toEqual(['error category-not-required-by-law purposes.invoicing']);
  });

  it('still warns about gender on invoices under another basis, citing data minimisation and Mousse', () => {
    const findings = lint(
      variant((d) => {
        d.categories['user.gender'] = { nl: 'geslacht', en: 'gender' };
        d.purposes.contract!.categories.push('user.gender');
        d.records.invoice.purposes.push('contract');
        d.records.invoice.categories.push('user.gender');
      }),
    );
    expect(brief(findings)).toContainEqual('warning gender-on-invoices records.invoice.categories[3]');
  });

  it('warns about a data category no purpose collects', () => {
    const findings = lint(variant((d) => (d.categories['user.shoe_size'] = { nl: 'schoenmaat', en: 'shoe size' })));
    expect(brief(findings)).toEqual(['warning category-without-purpose categories.user.shoe_size']);
    expect(findings[0]?.law).toContain('Art. 5(1)(b)');
  });

  it('refuses a purpose on a legitimate interest that does not say which interest (Art. 13(1)(d))', () => {
    const findings = lint(variant((d) => (d.purposes.contract!.legalBasis = 'dpv:LegitimateInterest')));
    expect(brief(findings)).toEqual(['error legitimate-interest-not-stated purposes.contract']);
    expect(findings[0]?.law).toBe('Art. 13(1)(d) GDPR');
    const stated = variant((d) => {
      d.purposes.contract!.legalBasis = 'dpv:LegitimateInterest';
      d.purposes.contract!.legitimateInterest = { nl: 'onze klanten goed kunnen bedienen', en: 'serving our customers well' };
    });
    expect(brief(lint(stated))).toEqual([]);
  });

  it('refuses direct marketing without consent or the soft opt-in, whatever it is called, and warns about marketing not declared as such (Art. 21(3); Tw art. 11.7)', () => {
    const marketing = (edit: (p: PolicyDocument['purposes'][string]) => void) =>
      variant((d) => {
        d.purposes.nieuws = { name: { nl: 'Nieuws over onze diensten', en: 'News about our services' }, kind: 'direct_marketing', legalBasis: 'dpv:LegitimateInterest', legitimateInterest: { nl: 'klanten informeren', en: 'informing customers' }, categories: ['user.name'] };
        d.records.subject.purposes.push('nieuws');
        d.recipients[1]!.purposes.push('nieuws');
        edit(d.purposes.nieuws);
      });
    expect(brief(lint(marketing(() => undefined)))).toEqual(['error direct-marketing-without-ground purposes.nieuws']);
    expect(brief(lint(marketing((p) => (p.softOptIn = true))))).toEqual([]);
    expect(brief(lint(marketing((p) => (p.legalBasis = 'dpv:Consent'))))).not.toContain('error direct-marketing-without-ground purposes.nieuws');
    const named = lint(marketing((p) => {
      p.kind = 'service';
      p.name = { nl: 'Nieuwsbrief', en: 'Newsletter' };
    }));
    expect(brief(named)).toEqual(['warning direct-marketing-undeclared purposes.nieuws.kind']);
  });

  it('refuses a consent purpose whose consent cannot be recorded or withdrawn', () => {
    const newsletter = variant((d) => {
      d.purposes.newsletter = { name: { nl: 'Nieuwsbrief', en: 'Newsletter' }, kind: 'direct_marketing', legalBasis: 'dpv:Consent', categories: ['user.name'] };
      d.records.subject.purposes.push('newsletter');
      d.recipients[1]!.purposes.push('newsletter');
      d.roles.dpo!.may[0]!.operations = ['collect', 'consult', 'erase'];
    });
    const findings = lint(newsletter);
    expect(brief(findings)).toEqual(['error consent-cannot-be-withdrawn records.consent.purposes', 'error consent-cannot-be-withdrawn purposes.newsletter']);
    expect(findings.every((f) => f.law === 'Art. 7(3) GDPR')).toBe(true);
  });

  it('wants the storage provider to be a processor of every purpose and category it keeps, and storage to name its processor (Art. 28(3), 30(1)(d))', () => {
    const narrow = lint(
      variant((d) => {
        d.recipients[1]!.purposes = ['contract'];
        d.recipients[1]!.categories = d.recipients[1]!.categories.filter((c) => c !== 'user.financial.invoice');
      }),
    );
    expect(brief(narrow)).toEqual(['error storage-processor storage[0].processor']);
    expect(narrow[0]?.message).toContain('does not serve invoicing');
    expect(narrow[0]?.message).toContain('does not receive user.financial.invoice');
    expect(narrow[0]?.law).toContain('Art. 28(3)');
    const inRegister = lint(CLEAN, register().map((r) => (r.id === 'hoster' ? { ...r, categories: r.categories.filter((c) => c !== 'user.consent') } : r)));
    expect(brief(inRegister)).toContain('error storage-processor register:recipient/hoster');
    const controller = lint(variant((d) => (d.recipients[1]!.role = 'controller')));
    expect(controller[0]?.message).toContain('is a controller, but whoever stores our data is our processor');
    expect(brief(lint(variant((d) => delete d.storage[0]!.processor)))).toEqual(['warning storage-processor storage[0]']);
    expect(brief(lint(variant((d) => (d.storage[0]!.processor = 'nobody'))))).toEqual(['error unknown-reference storage[0].processor']);
  });

  it('reads a recipient of an older policy file that names one purpose (purpose: x) as purposes: [x]', () => {
    const older = CLEAN.replace('    purposes: [invoicing]\n', '    purpose: invoicing\n');
    expect(older).not.toBe(CLEAN);
    expect(lint(older)).toEqual([]);
  });

  it('refuses consents recorded for a purpose that does not rest on consent (Art. 6(1)(a), 7(3) GDPR)', () => {
    const findings = lint(variant((d) => (d.records.consent.purposes = ['contract'])));
    expect(brief(findings)).toEqual(['error consent-for-purpose-not-on-consent records.consent.purposes[0]']);
    expect(findings[0]?.message).toContain('rests on dpv:Contract, not on consent');
    expect(findings[0]?.law).toContain('Art. 6(1)(a) GDPR');
    const newsletter = variant((d) => {
      d.purposes.newsletter = { name: { nl: 'Nieuwsbrief', en: 'Newsletter' }, kind: 'direct_marketing', legalBasis: 'dpv:Consent', categories: ['user.name', 'user.consent'] };
      d.records.subject.purposes.push('newsletter');
      d.records.consent.purposes = ['newsletter'];
      // The storage provider keeps the newsletter's data too (storage-processor).
      d.recipients[1]!.purposes.push('newsletter');
    });
    expect(lint(newsletter)).toEqual([]);
  });

  it('refuses storage outside the EEA without a safeguard, though the loader refuses the file too', () => {
    const findings = lint(variant((d) => d.storage.push({ id: 'us', provider: 'Hoster', processor: 'hoster', region: { nl: 'Virginia', en: 'Virginia' }, insideEea: false })));
    expect(brief(findings)).toEqual(['error transfer-without-safeguard storage[1]']);
    expect(findings[0]?.law).toBe('Art. 44-46 GDPR');
  });

  it('refuses a recipient outside the EEA without a transfer mechanism, in the file and in the register', () => {
    const us = variant((d) => (d.recipients[0]!.country = 'US'));
    expect(brief(lint(us))).toEqual(['error transfer-without-safeguard recipients[0]']);
    const findings = lint(us, register({ country: 'US' }));
    expect(brief(findings)).toEqual(['error transfer-without-safeguard recipients[0]', 'error transfer-without-safeguard register:recipient/boekhouder']);
    expect(lint(variant((d) => Object.assign(d.recipients[0]!, { country: 'US', transferMechanism: 'dpv:StandardContractualClauses' })))).toEqual([]);
  });

  it('refuses a recipient that may receive a category its purpose does not cover', () => {
    const findings = lint(variant((d) => d.recipients[0]!.categories.push('user.contract')));
    expect(brief(findings)).toEqual(['error recipient-beyond-purpose recipients[0].categories[2]']);
    expect(findings[0]?.law).toContain('Art. 5(1)(b)');
  });

  it('names a register recipient whose purpose or category the policy does not declare', () => {
    const findings = lint(CLEAN, register({ purposes: ['marketing'] }));
    expect(findings).toContainEqual(expect.objectContaining({ id: 'recipient-beyond-purpose', severity: 'error', path: 'register:recipient/boekhouder', message: expect.stringContaining('unknown purpose marketing') as string }));
    const category = lint(CLEAN, register({ categories: ['user.name', 'user.dna'] }));
    expect(category).toContainEqual(expect.objectContaining({ id: 'recipient-beyond-purpose', message: expect.stringContaining('unknown data category user.dna') as string }));
  });

  it('refuses a processor without an agreement, or with an expired one, and leaves retired ones alone', () => {
    expect(brief(lint(CLEAN, register({ agreement: null })))).toEqual(['error processor-without-agreement register:recipient/boekhouder']);
    const expired = lint(CLEAN, register({ agreement: { id: 'a', signedOn: '2020-01-01', expiresOn: '2026-11-24', documentReference: 'VWO-2020' } }));
    expect(brief(expired)).toEqual(['error processor-without-agreement register:recipient/boekhouder']);
    expect(expired[0]?.message).toContain('expired on 2026-11-24');
    expect(expired[0]?.law).toBe('Art. 28(3) GDPR');
    expect(lint(CLEAN, register({ agreement: { id: 'a', signedOn: '2020-01-01', expiresOn: TODAY, documentReference: 'VWO' } }))).toEqual([]);
    // A controller needs no processor agreement; the role differing from the file is only a warning.
    expect(brief(lint(CLEAN, register({ agreement: null, role: 'controller' })))).toEqual(['warning register-differs-from-policy recipients[0]']);
    expect(brief(lint(CLEAN, register({ agreement: null, active: false })))).toEqual(['warning register-differs-from-policy recipients[0]']);
  });

  it('warns when the register and the policy file disagree about a recipient', () => {
    const findings = lint(CLEAN, register({ country: 'BE', noticePerDisclosure: false }));
    expect(brief(findings)).toEqual(['warning company-not-named register:recipient/boekhouder', 'warning register-differs-from-policy recipients[0]']);
    expect(findings[1]?.message).toContain('country, noticePerDisclosure');
    expect(brief(lint(CLEAN, []))).toEqual(['warning register-differs-from-policy recipients[0]', 'warning register-differs-from-policy recipients[1]']);
    const extra = [...register(), { ...register()[0]!, id: 'drukker' }];
    expect(brief(lint(CLEAN, extra))).toEqual(['warning register-differs-from-policy register:recipient/drukker']);
  });

  it('names the line and column of malformed YAML', () => {
    const findings = lint('version: 1\ncontroller: [name\n');
    expect(findings[0]).toMatchObject({ id: 'yaml-syntax', severity: 'error', law: null });
    expect(findings[0]?.path).toMatch(/^line \d+, column \d+$/);
    expect(brief(lint(CLEAN.replace('  user.name: { nl: naam, en: name }\n', '  user.name: { nl: naam, en: name }\n  user.name: { nl: naam, en: name }\n')))).toEqual([
      'error yaml-syntax line 11, column 3',
    ]);
  });

  it('names schema problems with their path, line and column', () => {
    const findings = lint(CLEAN.replace('legalBasis: dpv:Contract', 'legalBasis: contract'));
    expect(brief(findings)).toEqual(['error schema purposes.contract.legalBasis']);
    expect(findings[0]?.message).toMatch(/must be a W3C DPV term .*\(line 19, column 17\)$/);
  });

  it('names unknown purposes, categories and recipients referred to', () => {
    const findings = lint(
      variant((d) => {
        d.records.case.purposes.push('marketing');
        d.records.case.categories.push('user.dna');
        d.recipients[0]!.purposes = ['sales'];
      }),
      register({ purposes: ['sales'] }),
    );
    expect(findings.filter((f) => f.id === 'unknown-reference').map((f) => `${f.path}: ${f.message}`)).toEqual([
      'records.case.purposes[1]: unknown purpose marketing',
      'records.case.categories[1]: unknown data category user.dna',
      'recipients[0].purposes[0]: unknown purpose sales',
    ]);
    expect(findings).toContainEqual(expect.objectContaining({ path: 'register:recipient/boekhouder', message: expect.stringContaining('unknown purpose sales') as string }));
  });
});

describe('the linter on the Sen ICT policy', () => {
  const text = fs.readFileSync(POLICY_PATH, 'utf8');
  const seeded = (parse(text) as PolicyDocument).recipients.map(
    (r): Recipient => ({
      ...r,
      transferMechanism: r.transferMechanism ?? null,
      contactEmail: r.contactEmail ?? null,
      active: true,
      agreement: null,
      companies: (r.companies ?? []).map((c) => ({ ...c, kvkNumber: c.kvkNumber ?? null, transferMechanism: c.transferMechanism ?? null, contactEmail: c.contactEmail ?? null, active: true, agreement: null })),
    }),
  );

  // Consents have a period since issue 15 (Art. 5(1)(e), Art. 7(1)): no record type is kept without one.
  it('finds exactly the two-year rule on agreements and the consent category: no gender, no record without a period any more', () => {
    expect(brief(lint(text))).toEqual([
      'warning short-retention-on-bookkeeping retention[0]',
      'warning category-without-purpose categories.user.consent',
    ]);
  });

  it('would refuse the consents the policy let Sen ICT record before, for purposes on contract, law and legitimate interest (Art. 6(1)(a))', () => {
    const before = text.replace(/(  consent:\n    purposes: )\[\]/, '$1[contract, invoicing, correspondence]');
    expect(before).not.toBe(text);
    expect(brief(lint(before)).filter((f) => f.startsWith('error'))).toEqual([
      'error consent-for-purpose-not-on-consent records.consent.purposes[0]',
      'error consent-for-purpose-not-on-consent records.consent.purposes[1]',
      'error consent-for-purpose-not-on-consent records.consent.purposes[2]',
    ]);
  });

  it('adds an error for each processor while the register holds no agreement with it', () => {
    expect(brief(lint(text, seeded)).filter((f) => f.startsWith('error'))).toEqual([
      'error processor-without-agreement register:recipient/administratiekantoor',
      'error processor-without-agreement register:recipient/leveranciers',
      // Art. 28(3): the storage provider is a processor like the others; its agreement is with its company.
      'error processor-without-agreement register:recipient/microsoft/company/microsoft-ireland',
    ]);
    const agreement = (id: string) => ({ id, signedOn: '2026-01-01', expiresOn: null, documentReference: `VWO-${id}` });
    const signed = seeded.map((r) => ({ ...r, agreement: agreement(r.id), companies: r.companies.map((c) => ({ ...c, agreement: agreement(c.id) })) }));
    expect(lint(text, signed).filter((f) => f.severity === 'error')).toEqual([]);
    // The accounting firm needs no notice because the statement names it; the register must name the company (P9).
    expect(brief(lint(text, signed)).filter((f) => f.includes('company-not-named'))).toEqual(['warning company-not-named register:recipient/administratiekantoor']);
  });
});
