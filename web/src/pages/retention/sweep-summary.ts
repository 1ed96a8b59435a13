import type { SweepSummary } from '../../../../src/retention/sweep-summary.ts';

// The sweep's log entry as src/retention/sweep-summary.ts writes it; test/sweep-summary.test.ts reads back what
// the server writes. The count of sole traders and partnerships is absent from entries written before them.
const REASON =
  /^retention sweep on (\d{4}-\d{2}-\d{2}): (\d+) subject\(s\); deleted (\d+) agreement\(s\), (\d+) invoice\(s\), (\d+) case\(s\) with (\d+) message\(s\), (\d+) consent\(s\), (\d+) subject\(s\), (?:(\d+) sole trader\(s\) or partnership\(s\), )?(\d+) expired access package\(s\); contact details of (\d+) subject\(s\)/;

/** The numbers of a sweep's log entry, or null for a reason that is not one. */
export function readSweepSummary(reason: string | null): SweepSummary | null {
  const m = REASON.exec(reason ?? '');
  if (m === null) return null;
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    today: m[1] ?? '',
    subjects: n(2),
    agreement: n(3),
    invoice: n(4),
    case: n(5),
    message: n(6),
    consent: n(7),
    subject: n(8),
    organisation: n(9),
    packages: n(10),
    reduced: n(11),
  };
}
