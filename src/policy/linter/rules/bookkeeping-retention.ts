import type { PolicyDocument, RecordType } from '../../policy.schema.ts';
import { describePeriod, parsePeriod } from '../../../retention/rules/period.ts';
import { RECORD_WORDS } from '../../../retention/rules/record-words.ts';
import { DATE_WORDS, END_OF_BOOK_YEAR } from '../../retention-dates.ts';
import type { Finding, LintRule } from '../finding.ts';

/** Record types that are bookkeeping records: the tax inspector may ask for them (AWR art. 52, BW 2:10). */
export const BOOKKEEPING_RECORDS: readonly RecordType[] = ['invoice'];
/** AWR art. 52 lid 4 and BW 2:10 lid 3: seven years. */
export const FISCAL_PERIOD = 'P7Y';
const FISCAL_LAW = 'AWR art. 52; BW 2:10';

type Rule = PolicyDocument['retention'][number];

/** A length to compare periods by; a month counted as 31 days so P12M is not shorter than P1Y. */
export function periodLength(text: string): number {
  const p = parsePeriod(text);
  return (p.years * 12 + p.months) * 31 + p.days;
}

/** ERROR: a bookkeeping record type with no rule keeping it at least seven years (from when: fiscal-book-year.ts). */
export const bookkeepingWithoutFiscalRetention: LintRule = {
  id: 'bookkeeping-without-fiscal-retention',
  check({ document }) {
    return BOOKKEEPING_RECORDS.filter(
      (type) => !document.retention.some((r) => r.records.includes(type) && periodLength(r.period) >= periodLength(FISCAL_PERIOD)),
    ).map(
      (type): Finding => ({
        id: 'bookkeeping-without-fiscal-retention',
        severity: 'error',
        path: `records.${type}`,
        message: `${RECORD_WORDS[type].en} records are bookkeeping records, but no retention rule keeps them at least seven years (${FISCAL_PERIOD}); deleting them sooner breaks the fiscal retention duty`,
        law: FISCAL_LAW,
      }),
    );
  },
};

/**
 * WARNING: a rule shorter than a fiscal rule that also reaches its records, directly or through `linked`
 * (an agreement behind an invoice). The short rule still decides for records the long one does not reach,
 * so it is not wrong, but the policy reads as if it always applied: the warning says what really happens.
 */
export const shortRetentionOnBookkeeping: LintRule = {
  id: 'short-retention-on-bookkeeping',
  check({ document }) {
    // The rule that cites the law first: a policy may add a promise of its own next to it (seven years from completion).
    const fiscal = document.retention
      .filter((r) => r.records.some((t) => BOOKKEEPING_RECORDS.includes(t)) && periodLength(r.period) >= periodLength(FISCAL_PERIOD))
      .sort((a, b) => Number(a.legalObligation === undefined) - Number(b.legalObligation === undefined));
    const findings: Finding[] = [];
    document.retention.forEach((rule, i) => {
      for (const type of rule.records) {
        // One warning per record type: the longer rules all say the same thing.
        const long = fiscal.find((l) => l !== rule && periodLength(rule.period) < periodLength(l.period) && (l.records.includes(type) || l.linked?.includes(type) === true));
        if (long === undefined) continue;
        const direct = long.records.includes(type);
        findings.push({ id: 'short-retention-on-bookkeeping', severity: 'warning', path: `retention[${i}]`, message: explain(rule, long, type, direct), law: long.legalObligation ?? FISCAL_LAW });
      }
    });
    return findings;
  },
};

function explain(rule: Rule, long: Rule, type: RecordType, direct: boolean): string {
  const what = RECORD_WORDS[type].en;
  const law = `${long.id}; ${long.legalObligation ?? FISCAL_LAW}`;
  const kept = (r: Rule) => `${describePeriod(parsePeriod(r.period), 'en')} after ${(DATE_WORDS[r.from] ?? { en: r.from }).en}`;
  if (direct) {
    return `${what} records are bookkeeping records: they are kept ${kept(long)} (${law}), not ${kept(rule)} (${rule.id}); the longer period applies`;
  }
  const via = long.records.filter((t) => BOOKKEEPING_RECORDS.includes(t)).map((t) => RECORD_WORDS[t].en).join(' or ');
  const a = /^[aeiou]/.test(via) ? 'an' : 'a';
  const of = long.from === END_OF_BOOK_YEAR ? '' : ` of the ${via}`;
  return `${what} records behind ${a} ${via} are bookkeeping records too: they are kept ${kept(long)}${of} (${law}), not ${kept(rule)} (${rule.id}); the shorter rule applies only to ${what} records without ${a} ${via}`;
}
