import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { newInvoice, newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { cliActor } from '../guard/actor.ts';
import { businessToday } from '../shared/business-day.ts';
import type { Subject } from '../subjects/subject.schema.ts';

describe.each(DIALECTS)('kluis disclosure, on %s', (dialect) => {
  let t: TestApp;
  let subject: Subject;
  const today = businessToday(new Date());

  beforeAll(async () => {
    t = await startTestApp(dialect);
    const actor = cliActor();
    await t.services.companies.add(actor, 'administratiekantoor', {
      id: 'boekhouding-utrecht',
      legalName: 'Boekhouding Utrecht B.V.',
      kvkNumber: '87654321',
      country: 'NL',
      role: 'processor',
    });
    await t.services.companies.recordAgreement(
      actor,
      { id: 'administratiekantoor', companyId: 'boekhouding-utrecht' },
      { signedOn: '2025-06-01', documentReference: 'VWO-ADM-2025' },
    );
    subject = await newSubject(t);
    await t.services.invoices.issue(actor, (await newInvoice(t, subject.id)).id, {});
  });
  afterAll(async () => t.close());

  it('makes a disclosure, refuses one outside the register, exports the invoices, records a legal demand and lists the log', async () => {
    const made = runCli(t.database, [
      'disclosure',
      'make',
      subject.id,
      '--recipient',
      'administratiekantoor',
      '--company',
      'boekhouding-utrecht',
      '--categories',
      'user.name,user.account.reference',
    ]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    // P9: the company by its legal name, not its category.
    expect(made.stdout).toMatch(
      /disclosure\s+Boekhouding Utrecht B\.V\.\s+user\.name user\.account\.reference\s+released\s+not_required/,
    );

    const refused = runCli(t.database, [
      'disclosure',
      'make',
      subject.id,
      '--recipient',
      'databroker',
      '--categories',
      'user.name',
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('error [recipient_unknown]');
    const unknownCompany = runCli(t.database, [
      'disclosure',
      'make',
      subject.id,
      '--recipient',
      'administratiekantoor',
      '--company',
      'boekhouding-elders',
      '--categories',
      'user.name',
    ]);
    expect(unknownCompany.status).toBe(1);
    expect(unknownCompany.stderr).toContain('error [company_unknown]');

    const out = path.join(t.database.dataDir, 'fiscaal.zip');
    const exported = runCli(t.database, [
      'disclosure',
      'fiscal-export',
      '--from',
      today,
      '--to',
      today,
      '--format',
      'zip',
      '--out',
      out,
    ]);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toContain('1 invoice(s); 1 disclosure(s) logged.');
    const files = unzipSync(new Uint8Array(fs.readFileSync(out)));
    expect(Object.keys(files).filter((f) => f.startsWith('ubl/'))).toHaveLength(1);
    expect(strFromU8(files['invoices.csv'] as Uint8Array)).toContain(subject.reference);

    const demand = runCli(t.database, [
      'disclosure',
      'legal-demand',
      subject.id,
      '--authority',
      'Belastingdienst',
      '--ground',
      'art. 53 AWR',
      '--reference',
      'BD-2026-1',
      '--categories',
      'user.name',
      '--suppress-notice',
      'art. 53 lid 4 AWR',
    ]);
    expect(demand.status).toBe(0);
    expect(demand.stdout).toMatch(/legal_demand\s+Belastingdienst\s+user\.name\s+released\s+suppressed/);

    const listed = runCli(t.database, ['disclosure', 'list', subject.id]);
    expect(listed.status).toBe(0);
    expect(listed.stdout.match(/^\S+\s+(disclosure|fiscal_export|legal_demand)\s/gm)).toHaveLength(3);
    const entries = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_kind', 'operation'])
      .where('actor_kind', '=', 'cli')
      .where('operation', 'in', ['disclose', 'export'])
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(3);
  });
});
