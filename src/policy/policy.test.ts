import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { POLICY_PATH } from '../../test/harness.ts';
import { loadPolicy, PolicyError, parsePolicy } from './policy.ts';

const source = fs.readFileSync(POLICY_PATH, 'utf8');

function problemsOf(text: string): string[] {
  try {
    parsePolicy(text, 'test.yaml');
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  throw new Error('the policy was accepted');
}

describe('the Sen ICT policy', () => {
  const policy = loadPolicy(POLICY_PATH);
  const d = policy.document;

  it('names the controller and the DPO of the statement (CONTACTGEGEVENS)', () => {
    expect(d.controller).toMatchObject({
      name: 'Sen ICT',
      address: { street: 'Ketjapweg 40', postalCode: '3541 RH', city: 'Utrecht' },
      email: 'security@senict.nl',
      dpo: { title: 'Functionaris voor de Gegevensbescherming' },
    });
  });

  it('declares the three purposes of the statement with DPV legal bases', () => {
    expect(Object.fromEntries(Object.entries(d.purposes).map(([id, p]) => [id, p.legalBasis]))).toEqual({
      contract: 'dpv:Contract',
      invoicing: 'dpv:LegalObligation',
      correspondence: 'dpv:LegitimateInterest',
    });
  });

  it('keeps invoices seven years after the end of the book year (art. 52 lid 4 AWR), never less than seven years after completion, and contract data two years after the end', () => {
    expect(d.retention.filter((r) => r.records.includes('invoice'))).toMatchObject([
      { period: 'P7Y', from: 'end_of_book_year', legalObligation: 'art. 52 lid 4 AWR; art. 2:10 lid 3 BW' },
      { period: 'P7Y', from: 'completed_on' },
    ]);
    expect(d.retention.find((r) => r.records.includes('agreement'))).toMatchObject({ period: 'P2Y', from: 'end_date' });
  });

  it("rests no purpose on consent, so records no consent; consents from before are history, processed for the customer's purposes (Art. 6(1)(a))", () => {
    expect(policy.consentPurposes()).toEqual([]);
    expect(d.records.consent.purposes).toEqual([]);
    expect(policy.purposesOf('consent')).toEqual(policy.purposesOf('subject'));
  });

  it('gives suppliers only address and e-mail, and the accounting firm fiscal data', () => {
    expect(d.recipients.find((r) => r.id === 'leveranciers')?.categories).toEqual(['user.contact.address', 'user.contact.email']);
    expect(d.recipients.find((r) => r.id === 'administratiekantoor')?.purpose).toBe('invoicing');
  });

  it('lets the accountant consult invoices and nothing else', () => {
    expect(policy.allows('accountant', 'consult', 'invoice')).toBe(true);
    for (const type of ['subject', 'agreement', 'case', 'message', 'consent'] as const) {
      expect(policy.allows('accountant', 'consult', type), type).toBe(false);
    }
    expect(policy.allows('accountant', 'modify', 'invoice')).toBe(false);
    expect(policy.allows('staff', 'erase', 'subject')).toBe(false);
    expect(policy.allows('nobody', 'consult', 'subject')).toBe(false);
    expect(policy.allows('__proto__', 'consult', 'subject')).toBe(false);
  });
});

describe('an invalid policy', () => {
  it('names the path and the reason of every problem', () => {
    const bad = source
      .replace('legalBasis: dpv:Contract', 'legalBasis: contract')
      .replace('purposes: [contract]\n    categories: [user.contract]', 'purposes: [marketing]\n    categories: [user.contract]');
    const problems = problemsOf(bad);
    expect(problems).toContainEqual(expect.stringMatching(/^purposes\.contract\.legalBasis: must be a W3C DPV term/));
    expect(problemsOf(source.replace('purposes: [contract]\n    categories: [user.contract]', 'purposes: [marketing]\n    categories: [user.contract]'))).toContain(
      'records.agreement.purposes[0]: unknown purpose marketing',
    );
  });

  it('refuses a retention rule that counts from a date the record does not have', () => {
    expect(problemsOf(source.replace('from: end_of_book_year', 'from: paid_on'))).toContainEqual(
      'retention[1].from: the rule fiscal-seven-years counts from paid_on, a date invoice records do not have (they have issue_date, completed_on, end_of_book_year) (retention-not-carried-out)',
    );
  });

  it('refuses storage outside the EEA without a safeguard (P6)', () => {
    const bad = source.replace('    safeguard: dpv:StandardContractualClauses\n', '');
    expect(problemsOf(bad)).toContainEqual(expect.stringContaining('outside the EEA without a transfer safeguard'));
  });

  it('refuses unknown keys, a missing record type and bad YAML', () => {
    expect(problemsOf(source.replace('version: 1', 'version: 1\nfavouriteColour: blue'))).toContainEqual(expect.stringContaining('favouriteColour'));
    expect(problemsOf(source.replace(/  consent:\n    purposes: \[\]\n    categories: \[user.consent\]\n/, ''))).toContainEqual(
      expect.stringMatching(/^records/),
    );
    expect(problemsOf('version: [1\n').length).toBeGreaterThan(0);
  });

  it('names the line and column of malformed YAML, and of a bad value', () => {
    expect(problemsOf('version: 1\ncontroller: [name\n')[0]).toMatch(/^line \d+, column \d+: /);
    expect(problemsOf(source.replace('email: security@senict.nl\n  dpo', 'email: not-an-address\n  dpo'))).toContainEqual(
      expect.stringMatching(/^controller\.email: .*\(line 9, column 10\)$/),
    );
  });

  it('stops the CLI with the problems listed and exit code 2', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-policy-')), 'bad.yaml');
    fs.writeFileSync(file, source.replace('email: security@senict.nl\n  dpo', 'email: not-an-address\n  dpo'));
    const result = runCli(undefined, ['policy', 'check', '--no-database', file]);
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('Invalid policy');
    expect(result.stdout).toContain('controller.email');
    // Warnings only (the linter's findings on the file alone): valid, exit 0.
    const good = runCli(undefined, ['policy', 'check', '--no-database', POLICY_PATH]);
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('is valid');
    expect(good.stdout).toContain('Warnings (2)');
    expect(good.stdout).toContain('short-retention-on-bookkeeping');
  });

  it('stops start-up: serve refuses an invalid policy', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-policy-')), 'bad.yaml');
    fs.writeFileSync(file, 'version: 2\n');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-data-'));
    const result = runCli(undefined, ['serve'], { env: { KLUIS_POLICY: file, KLUIS_DATA_DIR: dataDir, PORT: '0' } });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Invalid policy');
    expect(result.stderr).toContain('version');
  });
});
