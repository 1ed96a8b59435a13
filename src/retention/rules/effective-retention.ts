import type { Policy } from '../../policy/policy.ts';
import type { RecordType } from '../../policy/policy.schema.ts';
import { type Period, addPeriod, parsePeriod } from './period.ts';
import { RECORD_WORDS } from './record-words.ts';
import { END_OF_BOOK_YEAR, endOfBookYear } from '../../policy/retention-dates.ts';

type Text = { nl: string; en: string };

/** A record as retention sees it: its type and the dates its rules may count from. */
export interface RetainedRecord {
  recordType: RecordType;
  dates: Partial<Record<string, string | null>>;
  /** Records this one is linked to, whose rules may reach it (an agreement behind an invoice). */
  linked?: RetainedRecord[];
  /** Legal holds on the record or its subject (filled by the retention work: evidence, legal claims). */
  holds?: { reason: string; until: string | null }[];
}

export interface AppliedRule {
  ruleId: string;
  /** Set when the rule reaches the record through a linked record of this type. */
  via: RecordType | null;
  period: string;
  from: string;
  fromDate: string | null;
  until: string | null;
  legalObligation: string | null;
  reason: Text;
}

export interface EffectiveRetention {
  recordType: RecordType;
  /** The first day the record may be deleted; null while it cannot be known (a date is missing, or a hold has no end). */
  until: string | null;
  /** The latest date already known when `until` is null: the record is kept at least until then. */
  atLeastUntil: string | null;
  /** The rule that decides: the one that keeps the record longest. */
  governing: AppliedRule | null;
  applied: AppliedRule[];
  held: boolean;
  explanation: Text;
}

/**
 * The period that applies to a record, and why: the longest of every rule that reaches it, directly or
 * through a linked record, and of every hold. Retention sweeps, access exports and the statement all ask
 * this one function, so they cannot disagree.
 */
export function effectiveRetention(policy: Policy, record: RetainedRecord): EffectiveRetention {
  const r = retentionOf(policy, record);
  return { ...r, explanation: explain(record.recordType, r.until, r.until ?? r.atLeastUntil, r.governing, record.holds ?? []) };
}

/**
 * `effectiveRetention` without the explanation, for the retention sweep and the stored dates, which ask it
 * for every record of every subject and never show the words.
 */
export function retentionOf(policy: Policy, record: RetainedRecord): Omit<EffectiveRetention, 'explanation'> {
  const applied: AppliedRule[] = [];
  for (const rule of policy.document.retention) {
    const period = periodOf(rule.period);
    const make = (owner: RetainedRecord, via: RecordType | null): AppliedRule => {
      const fromDate =
        rule.from === END_OF_BOOK_YEAR ? endOfBookYear(owner.recordType, owner.dates) : (owner.dates[rule.from] ?? null);
      return {
        ruleId: rule.id,
        via,
        period: rule.period,
        from: rule.from,
        fromDate,
        until: fromDate === null ? null : addPeriod(fromDate, period),
        legalObligation: rule.legalObligation ?? null,
        reason: rule.reason,
      };
    };
    if (rule.records.includes(record.recordType)) applied.push(make(record, null));
    if (rule.linked?.includes(record.recordType) === true) {
      for (const other of record.linked ?? []) {
        if (rule.records.includes(other.recordType)) applied.push(make(other, other.recordType));
      }
    }
  }

  const known = applied.filter((a) => a.until !== null).sort((a, b) => (a.until ?? '').localeCompare(b.until ?? ''));
  const longest = known.at(-1) ?? null;
  const waiting = applied.some((a) => a.until === null);
  const holds = record.holds ?? [];
  const holdDates = holds.map((h) => h.until);
  const openHold = holdDates.includes(null);
  const latestHold =
    holdDates
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const latest =
    [longest?.until ?? null, latestHold]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  const undetermined = waiting || openHold || applied.length === 0;
  const governing = waiting ? (applied.find((a) => a.until === null) ?? null) : longest;

  return {
    recordType: record.recordType,
    until: undetermined ? null : latest,
    atLeastUntil: undetermined ? latest : null,
    governing,
    applied,
    held: holds.length > 0,
  };
}

// The policy's periods are few; each is parsed once.
const periods = new Map<string, Period>();
function periodOf(text: string): Period {
  let period = periods.get(text);
  if (period === undefined) {
    period = parsePeriod(text);
    periods.set(text, period);
  }
  return period;
}

function explain(
  type: RecordType,
  until: string | null,
  atLeast: string | null,
  rule: AppliedRule | null,
  holds: { reason: string }[],
): Text {
  const what = RECORD_WORDS[type];
  const held =
    holds.length > 0
      ? {
          nl: `; juridische blokkade: ${holds.map((h) => h.reason).join(', ')}`,
          en: `; legal hold: ${holds.map((h) => h.reason).join(', ')}`,
        }
      : { nl: '', en: '' };
  if (rule === null && holds.length === 0) {
    return {
      nl: `${what.nl}: geen bewaarregel in het beleid; bewaard zolang de overige gegevens van de persoon`,
      en: `${what.en}: no retention rule in the policy; kept as long as the person's other records`,
    };
  }
  const why =
    rule === null
      ? { nl: '', en: '' }
      : {
          nl: `, ${rule.reason.nl}${rule.legalObligation === null ? '' : ` (${rule.legalObligation})`}`,
          en: `, ${rule.reason.en}${rule.legalObligation === null ? '' : ` (${rule.legalObligation})`}`,
        };
  const through =
    rule?.via === null || rule === null
      ? { nl: '', en: '' }
      : { nl: ` via de bijbehorende ${RECORD_WORDS[rule.via].nl}`, en: ` through its ${RECORD_WORDS[rule.via].en}` };
  if (until !== null) {
    return {
      nl: `bewaard tot ${until}: ${what.nl}${why.nl}${through.nl}${held.nl}`,
      en: `kept until ${until}: ${what.en}${why.en}${through.en}${held.en}`,
    };
  }
  const floor =
    atLeast === null ? { nl: '', en: '' } : { nl: ` en in elk geval tot ${atLeast}`, en: ` and at least until ${atLeast}` };
  return {
    nl: `bewaard zolang de termijn nog niet loopt${floor.nl}: ${what.nl}${why.nl}${through.nl}${held.nl}`,
    en: `kept until its period starts${floor.en}: ${what.en}${why.en}${through.en}${held.en}`,
  };
}
