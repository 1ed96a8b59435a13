import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import type { Finding } from '../policy/linter/finding.ts';
import type { ProcessingActivities, StorageLocation } from './processing-activities.schema.ts';

/** RFC 4180 the hard way, so the test does not trust the code it checks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += ch;
  }
  return rows;
}

const TRICKY = { nl: 'Koeriers "Snel", & <b>Co</b>', en: '<script>alert("x")</script> & Co' };

describe.each(DIALECTS)('the Art. 30 register and the linter on %s', (dialect) => {
  let t: TestApp;
  let dpo: string;
  let staff: string;
  let accountant: string;
  let register: ProcessingActivities;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    [dpo, staff, accountant] = [await t.signIn('dpo'), await t.signIn('staff'), await t.signIn('accountant')];
    const actor = cliActor();
    // Controllers, so they need no processor agreement: the linter's errors stay those of the policy's processors.
    await t.services.recipients.create(actor, {
      id: 'koeriers',
      name: TRICKY,
      role: 'controller',
      purposes: ['contract'],
      categories: ['user.name', 'user.contact.address'],
      country: 'NL',
    });
    await t.services.recipients.create(actor, {
      id: 'cloud-us',
      name: { nl: 'Cloud VS', en: 'Cloud US' },
      role: 'controller',
      purposes: ['contract'],
      categories: ['user.contact.email'],
      country: 'US',
      transferMechanism: 'dpv:StandardContractualClauses',
    });
    await t.services.recipients.create(actor, {
      id: 'oud',
      name: { nl: 'Oud', en: 'Old' },
      role: 'controller',
      purposes: ['invoicing'],
      categories: ['user.name'],
      country: 'NL',
    });
    await t.services.recipients.retire(actor, 'oud');
    const response = await t.app.inject({ method: 'GET', url: '/api/registers/processing-activities', headers: { cookie: dpo } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    register = response.json<ProcessingActivities>();
  });
  afterAll(async () => t.close());

  const activity = (purpose: string) => {
    const found = register.activities.find((a) => a.purpose === purpose);
    if (found === undefined) throw new Error(`no activity ${purpose}`);
    return found;
  };

  describe('holds every field of Art. 30(1)', () => {
    it('(a) the name and contact details of the controller and the DPO', () => {
      expect(register.controller).toEqual({
        name: 'Sen ICT',
        address: { street: 'Ketjapweg 40', postalCode: '3541 RH', city: 'Utrecht', country: 'NL' },
        email: 'security@senict.nl',
        dpo: { title: 'Functionaris voor de Gegevensbescherming', name: null, email: 'security@senict.nl' },
      });
    });

    it('(b)-(f) also the processing of the controller itself: requests (Art. 12-22), staff accounts, the log (Art. 5(2)), breaches (Art. 33(5)), backups', () => {
      expect(register.activities.slice(3).map((a) => [a.purpose, a.legalBasis.term, a.legalBasis.reference])).toEqual([
        ['data-subject-requests', 'dpv:LegalObligation', 'art. 12-22 AVG'],
        ['staff-accounts', 'dpv:LegitimateInterest', 'art. 32 AVG (alleen wie het nodig heeft krijgt toegang)'],
        ['processing-log', 'dpv:LegitimateInterest', 'art. 5 lid 2 AVG; art. 24 AVG'],
        ['breach-register', 'dpv:LegalObligation', 'art. 33 lid 5 AVG; art. 34 AVG'],
        ['backups', 'dpv:LegalObligation', 'art. 32 lid 1 sub c AVG'],
      ]);
      const accounts = activity('staff-accounts');
      expect(accounts.dataSubjects).toEqual({ nl: 'medewerkers met een account in Kluis', en: 'staff with an account in Kluis' });
      // Art. 30(1)(d): the data of Kluis's own processing is kept where the rest is, by the storage provider.
      expect(accounts.recipients.map((r) => [r.id, r.role, r.storesData])).toEqual([['microsoft', 'processor', true]]);
      expect(accounts.transfers.map((x) => x.id)).toEqual(['microsoft-outside-eea']);
      // Art. 30(1)(f), honestly: where nothing deletes yet, the record says so (own-activities.test.ts: the periods).
      expect(activity('breach-register').erasure[0]?.text.en).toBe(
        'breach: no retention rule yet; kept as long as Kluis is in use, so the supervisory authority can check it',
      );
      expect(activity('data-subject-requests').erasure.map((e) => e.recordType)).toEqual([
        'rights_request',
        'access_package',
        'outbox',
        'inbox_item',
      ]);
      for (const a of register.activities.slice(3)) {
        for (const text of [a.name, a.dataSubjects, ...a.dataCategories.map((c) => c.label), ...a.erasure.map((e) => e.text)]) {
          expect(text.nl.length, a.purpose).toBeGreaterThan(0);
          expect(text.en, a.purpose).not.toBe(text.nl);
        }
      }
    });

    it('(b) the purposes, each with its legal basis', () => {
      expect(register.activities.slice(0, 3).map((a) => [a.purpose, a.name.nl, a.legalBasis.term])).toEqual([
        ['contract', 'Uitvoering van overeenkomst voor diensten en producten', 'dpv:Contract'],
        ['invoicing', 'Facturen', 'dpv:LegalObligation'],
        ['correspondence', 'Correspondentie', 'dpv:LegitimateInterest'],
      ]);
      expect(activity('invoicing').legalBasis).toEqual({
        term: 'dpv:LegalObligation',
        label: { nl: 'wettelijke verplichting (art. 6 lid 1 sub c AVG)', en: 'legal obligation (Art. 6(1)(c) GDPR)' },
        reference: 'art. 35a Wet OB; art. 52 AWR; art. 2:10 BW',
      });
    });

    it('(c) the categories of data subjects and of personal data, with the policy labels', () => {
      expect(activity('contract').dataSubjects.en).toBe('customers and contacts of customers');
      expect(activity('invoicing').dataCategories).toContainEqual({
        id: 'user.financial.invoice',
        label: { nl: 'factuurgegevens', en: 'invoice details' },
      });
      expect(activity('correspondence').dataCategories.map((c) => c.id)).toEqual([
        'user.account.reference',
        'user.name',
        'user.contact.email',
        'user.contact.phone_number',
        'user.workplace',
        'user.job_title',
        'user.correspondence',
      ]);
    });

    it('(d) the categories of recipients: the active ones of the register, with role and country', () => {
      expect(activity('invoicing').recipients.map((r) => [r.id, r.role, r.country])).toEqual([
        ['administratiekantoor', 'processor', 'NL'],
        ['microsoft', 'processor', 'IE'],
      ]);
      expect(activity('contract').recipients.map((r) => r.id)).toEqual(['cloud-us', 'koeriers', 'leveranciers', 'microsoft']);
      expect(activity('correspondence').recipients.map((r) => r.id)).toEqual(['microsoft']);
    });

    it('(d) Microsoft, the storage provider, as processor and recipient of every purpose whose data it keeps, with its company (Art. 28, 30(1)(d))', () => {
      for (const a of register.activities) {
        const microsoft = a.recipients.find((r) => r.id === 'microsoft');
        expect(microsoft, a.purpose).toMatchObject({ role: 'processor', storesData: true, insideEea: true });
        expect(microsoft?.companies).toEqual([
          {
            id: 'microsoft-ireland',
            legalName: 'Microsoft Ireland Operations Limited',
            kvkNumber: null,
            country: 'IE',
            role: 'processor',
          },
        ]);
      }
      expect(activity('invoicing').recipients.find((r) => r.id === 'microsoft')?.categories).toContain('user.financial.invoice');
    });

    it('(e) the transfers to third countries and their safeguards: storage and recipients outside the EEA', () => {
      const scc = {
        term: 'dpv:StandardContractualClauses',
        label: {
          nl: 'modelcontractbepalingen (art. 46 lid 2 sub c AVG)',
          en: 'standard contractual clauses (Art. 46(2)(c) GDPR)',
        },
      };
      for (const a of register.activities) {
        // The region in words of each language (Art. 12(1)): no English in the Dutch record.
        const destination = { nl: 'Verenigde Staten (incidenteel)', en: 'United States (incidental)' };
        expect(a.transfers).toContainEqual({
          kind: 'storage',
          id: 'microsoft-outside-eea',
          name: { nl: 'Microsoft', en: 'Microsoft' },
          destination,
          safeguard: scc,
        });
      }
      expect(activity('contract').transfers).toContainEqual({
        kind: 'recipient',
        id: 'cloud-us',
        name: { nl: 'Cloud VS', en: 'Cloud US' },
        destination: { nl: 'Verenigde Staten', en: 'United States' },
        safeguard: scc,
      });
      expect(activity('invoicing').transfers.map((x) => x.id)).toEqual(['microsoft-outside-eea']);
    });

    it('(f) the time limits for erasure in words, with the linked fiscal rule', () => {
      const agreement = activity('contract').erasure.find((e) => e.recordType === 'agreement');
      expect(agreement?.rules).toEqual(['contract-two-years', 'fiscal-seven-years', 'seven-years-after-completion']);
      expect(agreement?.text.en).toMatch(
        /^agreement or quote: two years after the end of the agreement; when linked to an invoice: seven years after the end of the book year in which the invoice was issued \(art\. 52 lid 4 AWR; art\. 2:10 lid 3 BW\); when linked to an invoice: seven years after completion of the order or service; the longest period applies(;|$)/,
      );
      // Art. 30(1)(f) and art. 52 lid 4 AWR: the fiscal period counts from the end of the book year.
      expect(activity('invoicing').erasure.find((e) => e.recordType === 'invoice')?.text.nl).toBe(
        'factuur: zeven jaar na afloop van het boekjaar waarin de factuur is opgemaakt (art. 52 lid 4 AWR; art. 2:10 lid 3 BW); zeven jaar na de afronding van de bestelling of dienstverlening; de langste termijn geldt',
      );
      expect(activity('contract').erasure.find((e) => e.recordType === 'subject')?.text.en).toContain(
        "kept as long as the person's other records",
      );
    });

    it('(g) a general description of the security measures', () => {
      expect(register.securityMeasures.map((s) => s.id)).toEqual([
        'access-control',
        'processor-agreements',
        'antivirus',
        'encrypted-backups',
        'updates',
        'encrypted-disks',
      ]);
      expect(register.securityMeasures[3]?.description.nl).toBe('kopieën die ook weer beveiligd zijn (encrypted)');
    });
  });

  it('exports CSV that parses back to one row per purpose with every field', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/registers/processing-activities?format=csv&lang=en',
      headers: { cookie: dpo },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(response.body);
    expect(rows).toHaveLength(9);
    expect(rows.every((r) => r.length === 11)).toBe(true);
    expect(rows[1]?.[1]).toBe('Functionaris voor de Gegevensbescherming, security@senict.nl');
    expect(rows.find((r) => r[2] === 'breach-register')?.[3]).toBe('Register of personal data breaches');
    expect(rows[0]).toContain('Time limits for erasure (Art. 30(1)(f))');
    const contract = rows.find((r) => r[2] === 'contract') ?? [];
    expect(contract[0]).toBe('Sen ICT, Ketjapweg 40, 3541 RH Utrecht, NL, security@senict.nl');
    expect(contract[7]).toContain(`${TRICKY.en} (controller, Netherlands)`);
    expect(contract[7]).toContain(
      'Microsoft (storage in data centres) (processor, Ireland; keeps the data in its data centres): Microsoft Ireland Operations Limited (Ireland, processor)',
    );
    expect(contract[8]).toContain('Microsoft → United States (incidental): standard contractual clauses');
    const nl = parseCsv(
      (await t.app.inject({ method: 'GET', url: '/api/registers/processing-activities?format=csv', headers: { cookie: dpo } }))
        .body,
    );
    expect(nl.find((r) => r[2] === 'contract')?.[7]).toContain(
      `${TRICKY.nl} (zelfstandig verwerkingsverantwoordelijke, Nederland)`,
    );
    expect(nl.find((r) => r[2] === 'invoicing')?.[9]).toContain('factuur: zeven jaar');
    expect(nl.find((r) => r[2] === 'breach-register')?.[3]).toBe('Register van datalekken');
    expect(nl.find((r) => r[2] === 'staff-accounts')?.[7]).toBe(
      'Microsoft (opslag in datacenters) (verwerker, Ierland; bewaart de gegevens in zijn datacenters): Microsoft Ireland Operations Limited (Ierland, verwerker)',
    );
    // Art. 30(1)(e) in Dutch: the region in Dutch words, never "United States (incidental)".
    expect(nl.find((r) => r[2] === 'contract')?.[8]).toContain(
      'Microsoft → Verenigde Staten (incidenteel): modelcontractbepalingen',
    );
    expect(nl.map((r) => r.join(' ')).join(' ')).not.toContain('United States');
  });

  it('exports a self-contained HTML page that escapes every value', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/registers/processing-activities?format=html&lang=en',
      headers: { cookie: dpo },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    // The page's own policy, and the frame-ancestors every answer gets (src/http/security-headers.ts).
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    );
    const html = response.body;
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<link|<img|src=|href=|url\(|@import/i);
    expect(html).toContain('<html lang="en">');
    for (const heading of [
      'Controller (Art. 30(1)(a))',
      'Categories of recipients (Art. 30(1)(d))',
      'Security measures (Art. 30(1)(g))',
    ])
      expect(html).toContain(escapeForHtml(heading));
    expect(html).toContain(
      '<tr><th scope="row">Data protection officer (Art. 30(1)(a))</th><td>Functionaris voor de Gegevensbescherming, security@senict.nl</td></tr>',
    );
    expect(html).toContain(
      '<h2>Purpose of the processing (Art. 30(1)(b)): Staff accounts: signing in, sessions and second factor</h2>',
    );
    const nl = (
      await t.app.inject({ method: 'GET', url: '/api/registers/processing-activities?format=html', headers: { cookie: dpo } })
    ).body;
    expect(nl).toContain(
      '<h2>Verwerkingsdoel (art. 30 lid 1 sub b): Verwerkingslogboek: aantonen wie wat met welke gegevens deed (verantwoordingsplicht)</h2>',
    );
  });

  it('gives the Art. 30 register and the findings to the dpo only, and the storage register to every signed-in role', async () => {
    for (const cookie of [staff, accountant]) {
      for (const url of ['/api/registers/processing-activities', '/api/policy/findings']) {
        const response = await t.app.inject({ method: 'GET', url, headers: { cookie } });
        expect(response.statusCode, url).toBe(403);
      }
      const storage = await t.app.inject({ method: 'GET', url: '/api/registers/storage', headers: { cookie } });
      expect(storage.statusCode).toBe(200);
      const locations = storage.json<{ storage: StorageLocation[] }>().storage;
      expect(locations.map((s) => [s.id, s.processor, s.insideEea, s.safeguard?.term ?? null])).toEqual([
        ['microsoft-eea', 'microsoft', true, null],
        ['microsoft-outside-eea', 'microsoft', false, 'dpv:StandardContractualClauses'],
      ]);
      expect(locations[1]?.region).toEqual({ nl: 'Verenigde Staten (incidenteel)', en: 'United States (incidental)' });
    }
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/registers/processing-activities?format=pdf',
      headers: { cookie: dpo },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the register from the CLI, to a file or standard output', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-art30-'));
    const file = path.join(dir, 'register.csv');
    const csv = runCli(t.database, ['register', 'export', '--format', 'csv', '--lang', 'en', '--out', file]);
    expect(csv.status, csv.stderr).toBe(0);
    expect(parseCsv(fs.readFileSync(file, 'utf8'))).toHaveLength(9);
    const json = runCli(t.database, ['register', 'export']);
    expect(json.status, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as ProcessingActivities).activities.map((a) => a.purpose)).toEqual([
      'contract',
      'invoicing',
      'correspondence',
      'data-subject-requests',
      'staff-accounts',
      'processing-log',
      'breach-register',
      'backups',
    ]);
    // Art. 30(1)(a): a policy that names the DPO gets the name in the record.
    const named = path.join(dir, 'policy.yaml');
    fs.writeFileSync(
      named,
      fs
        .readFileSync('policy/sen-ict.yaml', 'utf8')
        .replace(
          '    title: Functionaris voor de Gegevensbescherming\n',
          '    title: Functionaris voor de Gegevensbescherming\n    name: Jan de Vries\n',
        ),
    );
    const withName = runCli(t.database, ['register', 'export', '--format', 'csv'], { env: { KLUIS_POLICY: named } });
    expect(withName.status, withName.stderr).toBe(0);
    expect(parseCsv(withName.stdout)[1]?.[1]).toBe('Functionaris voor de Gegevensbescherming, Jan de Vries, security@senict.nl');
    const html = runCli(t.database, ['register', 'export', '--format', 'html']);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(runCli(t.database, ['register', 'export', '--format', 'pdf']).status).not.toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports the processors without an agreement until the dpo records them, in the API and the CLI', async () => {
    const findings = async () =>
      (await t.app.inject({ method: 'GET', url: '/api/policy/findings', headers: { cookie: dpo } })).json<{
        findings: Finding[];
      }>().findings;
    const errors = (fs: Finding[]) => fs.filter((f) => f.severity === 'error').map((f) => `${f.id} ${f.path}`);
    // Art. 28(3): Microsoft, the storage provider, is a processor like the others; its agreement is with its company.
    expect(errors(await findings())).toEqual([
      'processor-without-agreement register:recipient/administratiekantoor',
      'processor-without-agreement register:recipient/leveranciers',
      'processor-without-agreement register:recipient/microsoft/company/microsoft-ireland',
    ]);
    expect(
      (await findings()).find((f) => f.path === 'register:recipient/microsoft/company/microsoft-ireland')?.message,
    ).toContain('Microsoft Ireland Operations Limited (microsoft) has no processor agreement');
    expect((await findings()).filter((f) => f.id === 'register-differs-from-policy').map((f) => f.path)).toEqual([
      'register:recipient/cloud-us',
      'register:recipient/koeriers',
    ]);
    const failing = runCli(t.database, ['policy', 'check']);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('Errors (3)');
    expect(failing.stdout).toContain('register:recipient/leveranciers');
    expect(failing.stderr).toContain('3 errors');

    for (const id of ['administratiekantoor', 'leveranciers']) {
      await t.services.recipients.recordAgreement(cliActor(), id, { signedOn: '2026-01-01', documentReference: `VWO-${id}` });
    }
    expect(errors(await findings())).toEqual([
      'processor-without-agreement register:recipient/microsoft/company/microsoft-ireland',
    ]);
    await t.services.companies.recordAgreement(
      cliActor(),
      { id: 'microsoft', companyId: 'microsoft-ireland' },
      { signedOn: '2026-01-01', documentReference: 'Microsoft Products and Services DPA' },
    );
    expect(errors(await findings())).toEqual([]);
    const passing = runCli(t.database, ['policy', 'check', '--json']);
    expect(passing.status, passing.stdout).toBe(0);
    const report = JSON.parse(passing.stdout) as { registerChecked: boolean; findings: Finding[] };
    expect(report.registerChecked).toBe(true);
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

function escapeForHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
}
