import type { Policy } from '../../policy/policy.ts';
import type { RecordType } from '../../policy/policy.schema.ts';
import { type RetainedRecord, effectiveRetention } from '../../retention/rules/effective-retention.ts';
import { agreementDates } from '../../retention/period-starts.ts';
import type { KeptData } from './executor.ts';
import { type LegalHold, holdsOn } from '../../retention/legal-hold.repository.ts';
import type { SubjectRecords } from './subject-records.ts';
import type { Lang } from '../../shared/lang.ts';

/** A record an erasure keeps, why, and until when. */
export interface KeptRecord {
  recordType: RecordType;
  id: string;
  /** 'b': a legal obligation (Art. 17(3)(b)); 'e': legal claims (Art. 17(3)(e)). */
  ground: 'b' | 'e';
  legalObligation: string | null;
  until: string | null;
  /** Ground 'e' only: the day the legal hold is to be reviewed, when it names one. */
  reviewOn: string | null;
}

export interface ErasurePlan {
  kept: KeptRecord[];
  /** A legal hold on the whole subject: the subject keeps its contact details too. */
  subjectHeld: boolean;
  erase: { invoices: string[]; agreements: string[]; cases: string[]; consents: string[] };
}

const invoiceRetained = (i: SubjectRecords['invoices'][number], holds: LegalHold[]): RetainedRecord => ({
  recordType: 'invoice',
  dates: { completed_on: i.completed_on, issue_date: i.issue_date },
  holds: holdsOn(holds, 'invoice', i.id),
});

/**
 * Decides what an erasure deletes and what the law keeps (Art. 17(3)). Kept under Art. 17(3)(b): every record a
 * retention rule with a legal obligation still reaches (directly, or through a linked record: the agreement
 * behind an invoice), and every issued invoice whatever the policy says (a fiscal record, AWR art. 52 and BW
 * 2:10; a draft is no record yet and goes). Kept under Art. 17(3)(e): every record a legal hold names. A rule
 * whose legal period has ended keeps nothing. Everything else is erased at once. The until-date of each kept
 * record comes from effectiveRetention, the one function the retention sweep asks too.
 */
export function planErasure(policy: Policy, records: SubjectRecords, holds: LegalHold[], today: string): ErasurePlan {
  const kept: KeptRecord[] = [];
  // `rules`: 'fiscal' for an issued invoice, kept whatever the policy says; 'none' for a draft, which no rule keeps.
  const consider = (
    recordType: RecordType,
    id: string,
    retained: RetainedRecord,
    rules: 'policy' | 'fiscal' | 'none' = 'policy',
  ): void => {
    const retention = effectiveRetention(policy, retained);
    const legal =
      rules === 'none'
        ? []
        : retention.applied.filter((a) => a.legalObligation !== null && (a.until === null || a.until > today));
    if (legal.length > 0 || rules === 'fiscal') {
      const laws = [...new Set(legal.map((a) => a.legalObligation as string))];
      kept.push({
        recordType,
        id,
        ground: 'b',
        legalObligation: laws.length === 0 ? null : laws.join('; '),
        until: retention.until,
        reviewOn: null,
      });
      return;
    }
    // Kept only for the hold: the person asked for erasure, so it goes when the hold ends, not later.
    const held = holdsOn(holds, recordType, id);
    if (held.length === 0) return;
    const reviews = held
      .map((h) => h.reviewOn ?? null)
      .filter((d): d is string => d !== null)
      .sort();
    kept.push({
      recordType,
      id,
      ground: 'e',
      legalObligation: null,
      until: latest(held.map((h) => h.until)),
      reviewOn: reviews[0] ?? null,
    });
  };

  const subjectHeld = holdsOn(holds, 'subject', records.subject.id).length > 0;
  if (subjectHeld)
    consider('subject', records.subject.id, {
      recordType: 'subject',
      dates: {},
      holds: holdsOn(holds, 'subject', records.subject.id),
    });

  const issued = records.invoices.filter((i) => i.status !== 'draft');
  // A draft is no bookkeeping record yet: only a hold keeps it.
  for (const i of records.invoices)
    consider('invoice', i.id, invoiceRetained(i, holds), i.status === 'draft' ? 'none' : 'fiscal');
  for (const a of records.agreements) {
    const behind = issued.filter((i) => i.agreement_id === a.id).map((i) => invoiceRetained(i, []));
    consider('agreement', a.id, {
      recordType: 'agreement',
      dates: agreementDates(a),
      linked: behind,
      holds: holdsOn(holds, 'agreement', a.id),
    });
  }
  // A case is kept with its messages: they are deleted with it (a rule names them together).
  for (const c of records.cases) {
    consider('case', c.id, {
      recordType: 'case',
      dates: { opened_at: c.opened_at, closed_at: c.closed_at },
      holds: holdsOn(holds, 'case', c.id),
    });
  }
  for (const c of records.consents) {
    consider('consent', c.id, {
      recordType: 'consent',
      dates: { given_at: c.given_at, withdrawn_at: c.withdrawn_at },
      holds: holdsOn(holds, 'consent', c.id),
    });
  }

  const isKept = (type: RecordType, id: string) => kept.some((k) => k.recordType === type && k.id === id);
  return {
    kept,
    subjectHeld,
    erase: {
      invoices: records.invoices.filter((i) => !isKept('invoice', i.id)).map((i) => i.id),
      agreements: records.agreements.filter((a) => !isKept('agreement', a.id)).map((a) => a.id),
      cases: records.cases.filter((c) => !isKept('case', c.id)).map((c) => c.id),
      consents: records.consents.filter((c) => !isKept('consent', c.id)).map((c) => c.id),
    },
  };
}

const CATEGORY_WORDS: Record<RecordType, Record<Lang, string>> = {
  subject: {
    nl: 'uw naam en klantkenmerk, zoals op die gegevens vermeld',
    en: 'your name and customer reference, as those records show them',
  },
  agreement: { nl: 'overeenkomsten en offertes', en: 'agreements and quotes' },
  invoice: { nl: 'facturen', en: 'invoices' },
  case: { nl: 'vragen, klachten en verzoeken met hun berichten', en: 'questions, complaints and requests with their messages' },
  message: { nl: 'berichten', en: 'messages' },
  consent: { nl: 'toestemmingen', en: 'consents' },
};

const HELD_SUBJECT_WORDS: Record<Lang, string> = {
  nl: 'uw naam, klantkenmerk en contactgegevens',
  en: 'your name, customer reference and contact details',
};

/** The latest of the until-dates, or null when any is not known yet. */
const latest = (dates: (string | null)[]): string | null =>
  dates.includes(null)
    ? null
    : (dates
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null);

/**
 * The legal ground of an erasure that keeps something, recorded with the decision (Art. 12(4)): Art. 17(3)(b)
 * with the legal obligations the retention rules cite (the fiscal retention: AWR art. 52, BW 2:10), and Art.
 * 17(3)(e) for what a legal hold keeps; null when nothing is kept.
 */
export function keptGround(plan: ErasurePlan, lang: Lang): string | null {
  const nl = lang === 'nl';
  const grounds: string[] = [];
  const fiscal = plan.kept.filter((k) => k.ground === 'b');
  if (fiscal.length > 0) {
    const laws = [
      ...new Set(fiscal.flatMap((k) => (k.legalObligation === null ? [] : k.legalObligation.split(';').map((l) => l.trim())))),
    ].filter((l) => l !== '');
    const which = laws.length === 0 ? '' : `: ${laws.join('; ')}`;
    grounds.push(
      nl
        ? `art. 17 lid 3 sub b AVG (wettelijke bewaarplicht${which})`
        : `Art. 17(3)(b) GDPR (legal obligation to keep records${which})`,
    );
  }
  if (plan.kept.some((k) => k.ground === 'e')) {
    grounds.push(
      nl ? 'art. 17 lid 3 sub e AVG (nodig voor een rechtsvordering)' : 'Art. 17(3)(e) GDPR (needed for legal claims)',
    );
  }
  return grounds.length === 0 ? null : grounds.join('; ');
}

/**
 * The kept data in the words of the answer (a partial refusal, Art. 12(4)): each category with its legal
 * ground and until when; the minimal subject row last, kept as long as the longest of the rest.
 */
export function keptData(plan: ErasurePlan, lang: Lang): KeptData[] {
  if (plan.kept.length === 0) return [];
  const gdpr = lang === 'nl' ? 'AVG' : 'GDPR';
  const review = (d: string) => (lang === 'nl' ? `; herbeoordeling op ${d}` : `; to be reviewed on ${d}`);
  const groundOf = (k: KeptRecord) =>
    k.ground === 'b'
      ? `Art. 17(3)(b) ${gdpr}${k.legalObligation === null ? '' : `; ${k.legalObligation}`}`
      : `Art. 17(3)(e) ${gdpr}${k.reviewOn === null ? '' : review(k.reviewOn)}`;
  const groups = new Map<string, KeptRecord[]>();
  for (const k of plan.kept.filter((x) => x.recordType !== 'subject'))
    groups.set(`${k.recordType}|${groundOf(k)}`, [...(groups.get(`${k.recordType}|${groundOf(k)}`) ?? []), k]);
  const out: KeptData[] = [...groups.values()].map((group) => {
    const first = group[0] as KeptRecord;
    return {
      category: CATEGORY_WORDS[first.recordType][lang],
      ground: groundOf(first),
      until: latest(group.map((k) => k.until)),
    };
  });
  const grounds = [...new Set(plan.kept.map((k) => groundOf(k).split(';')[0] ?? ''))].join(', ');
  const subject = plan.subjectHeld ? HELD_SUBJECT_WORDS[lang] : CATEGORY_WORDS.subject[lang];
  out.push({ category: subject, ground: grounds, until: latest(plan.kept.map((k) => k.until)) });
  return out;
}
