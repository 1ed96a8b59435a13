import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOOKKEEPER_POLICY, WEBSHOP_POLICY, variantText } from '../../test/policies.ts';
import { lintPolicyText } from './linter/lint.ts';
import { PolicyError, loadPolicy, parsePolicy } from './policy.ts';
import type { PolicyDocument } from './policy.schema.ts';
import { businessToday } from '../shared/business-day.ts';

const TODAY = businessToday(new Date());

type Rule = PolicyDocument['retention'][number];
const reason = { nl: 'reden', en: 'reason' };

/** The bookkeeper's policy with its rules replaced by one. */
const withRule = (rule: Omit<Rule, 'id' | 'reason'>) => variantText(BOOKKEEPER_POLICY, (d) => (d.retention = [{ id: 'the-rule', reason, ...rule }]));

function problemsOf(text: string): string[] {
  try {
    parsePolicy(text, 'test.yaml');
  } catch (error) {
    if (error instanceof PolicyError) return error.problems;
    throw error;
  }
  return [];
}

// Issue 15, item 20: every rule the policy file can state is carried out by the sweep, the erasure and the
// forecast (src/retention/rule-kinds.test.ts proves each kind below), or the file is refused, naming the rule.
describe('retention rules the policy may state (Art. 5(1)(e), 13(2)(a) GDPR)', () => {
  it('loads the policies of two other small businesses, without errors of law', () => {
    for (const file of [BOOKKEEPER_POLICY, WEBSHOP_POLICY]) {
      expect(() => loadPolicy(file)).not.toThrow();
      expect(lintPolicyText(fs.readFileSync(file, 'utf8'), { today: TODAY }).findings.filter((f) => f.severity === 'error')).toEqual([]);
    }
  });

  const carriedOut: [string, Omit<Rule, 'id' | 'reason'>][] = [
    ['agreements from their start', { records: ['agreement'], period: 'P1Y', from: 'start_date' }],
    ['agreements from their end, under a legal obligation', { records: ['agreement'], period: 'P5Y', from: 'end_date', legalObligation: 'art. 33 lid 3 Wwft' }],
    ['invoices from their date', { records: ['invoice'], period: 'P7Y', from: 'issue_date' }],
    ['invoices from completion', { records: ['invoice'], period: 'P7Y', from: 'completed_on' }],
    ['invoices from the end of the book year, with the agreement behind them', { records: ['invoice'], period: 'P7Y', from: 'end_of_book_year', linked: ['agreement'], legalObligation: 'art. 52 lid 4 AWR' }],
    ['cases from receipt', { records: ['case'], period: 'P1Y', from: 'opened_at' }],
    ['cases with their messages from closing', { records: ['case', 'message'], period: 'P1Y', from: 'closed_at' }],
    ['consents from withdrawal', { records: ['consent'], period: 'P1Y', from: 'withdrawn_at' }],
  ];
  it.each(carriedOut)('accepts a rule on %s', (_, rule) => {
    expect(problemsOf(withRule(rule))).toEqual([]);
  });

  const refused: [string, Omit<Rule, 'id' | 'reason'>, string, RegExp][] = [
    ['customer details', { records: ['subject'], period: 'P2Y', from: 'end_date' }, 'retention[0].records', /names customer details \(subject\), which no rule deletes/],
    ['messages without their case', { records: ['message'], period: 'P1Y', from: 'closed_at' }, 'retention[0].records', /names messages without their case/],
    ['messages from their own date', { records: ['case', 'message'], period: 'P1Y', from: 'occurred_at' }, 'retention[0].from', /counts from occurred_at, a date case records do not have/],
    ['agreements from a date nothing computes', { records: ['agreement'], period: 'P2Y', from: 'signed_on' }, 'retention[0].from', /counts from signed_on, a date agreement records do not have \(they have start_date, end_date\)/],
    ['cases linked to an invoice', { records: ['invoice'], period: 'P7Y', from: 'end_of_book_year', linked: ['case'] }, 'retention[0].linked[0]', /links case records, which follow no rule on invoice records/],
    ['agreements linked to a case', { records: ['case'], period: 'P1Y', from: 'closed_at', linked: ['agreement'] }, 'retention[0].linked[0]', /links agreement records, which follow no rule on case records/],
  ];
  it.each(refused)('refuses a rule on %s, naming the rule, with a stable code', (_, rule, path, message) => {
    const problems = problemsOf(withRule(rule));
    expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${path.replace(/[[\].]/g, '\\$&')}: the rule the-rule .*\\(retention-not-carried-out\\)$`)));
    expect(problems.join('\n')).toMatch(message);
    const finding = lintPolicyText(withRule(rule), { today: TODAY }).findings.find((f) => f.path === path);
    expect(finding).toMatchObject({ id: 'retention-not-carried-out', severity: 'error' });
    expect(finding?.law).toContain('Art. 13(2)(a) GDPR');
  });

  it('refuses a period that names no time', () => {
    expect(problemsOf(withRule({ records: ['agreement'], period: 'P', from: 'end_date' }))).toContainEqual(expect.stringMatching(/^retention\[0\]\.period: must be an ISO 8601 period/));
  });
});
