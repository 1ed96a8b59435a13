import { DATE_WORDS, END_OF_BOOK_YEAR } from '../../retention-dates.ts';
import { RECORD_WORDS } from '../../../retention/rules/record-words.ts';
import type { Finding, LintRule } from '../finding.ts';
import { BOOKKEEPING_RECORDS, FISCAL_PERIOD, periodLength } from './bookkeeping-retention.ts';

const ID = 'fiscal-retention-not-from-book-year';
const LAW = 'AWR art. 52 lid 4; BW 2:10 lid 3 (BW 3:15i for a sole trader)';

/**
 * ERROR: the books are kept seven years counted from the end of the book year the record belongs to (AWR art.
 * 52 lid 4, BW 2:10 lid 3). A rule that cites a legal obligation for bookkeeping records but counts from
 * another date deletes an invoice of December up to eleven months early; so does a policy in which no rule
 * counts from the end of the book year at all.
 */
export const fiscalRetentionNotFromBookYear: LintRule = {
  id: ID,
  check({ document }) {
    const findings: Finding[] = [];
    const flagged = new Set<string>();
    document.retention.forEach((rule, i) => {
      const types = rule.records.filter((t) => BOOKKEEPING_RECORDS.includes(t));
      if (rule.legalObligation === undefined || types.length === 0 || rule.from === END_OF_BOOK_YEAR) return;
      for (const t of types) flagged.add(t);
      const from = (DATE_WORDS[rule.from] ?? { en: rule.from }).en;
      findings.push({
        id: ID,
        severity: 'error',
        path: `retention[${i}].from`,
        message: `${rule.id} keeps ${types.map((t) => RECORD_WORDS[t].en).join(' and ')} records under ${rule.legalObligation} but counts from ${from}; the fiscal period counts from the end of the book year (from: ${END_OF_BOOK_YEAR})`,
        law: LAW,
      });
    });
    for (const type of BOOKKEEPING_RECORDS) {
      if (flagged.has(type)) continue;
      const rules = document.retention.filter((r) => r.records.includes(type));
      // No rule long enough at all is bookkeeping-without-fiscal-retention's finding.
      if (!rules.some((r) => periodLength(r.period) >= periodLength(FISCAL_PERIOD))) continue;
      if (rules.some((r) => r.from === END_OF_BOOK_YEAR && periodLength(r.period) >= periodLength(FISCAL_PERIOD))) continue;
      findings.push({
        id: ID,
        severity: 'error',
        path: `records.${type}`,
        message: `no retention rule keeps ${RECORD_WORDS[type].en} records seven years after the end of the book year (from: ${END_OF_BOOK_YEAR}); counted from another date they may be deleted before the fiscal period ends`,
        law: LAW,
      });
    }
    return findings;
  },
};
