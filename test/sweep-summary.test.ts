import { describe, expect, it } from 'vitest';
import { type SweepSummary, sweepReason } from '../src/retention/sweep-summary.ts';
import { readSweepSummary } from '../web/src/pages/retention/sweep-summary.ts';

describe("the sweep's log entry in words, written by the server and read by the back office", () => {
  const summary: SweepSummary = {
    today: '2026-12-04',
    subjects: 3,
    agreement: 4,
    invoice: 5,
    case: 6,
    message: 7,
    consent: 8,
    subject: 9,
    organisation: 10,
    packages: 11,
    reduced: 12,
  };

  it('reads back every number the sweep writes', () => {
    expect(readSweepSummary(sweepReason(summary))).toEqual(summary);
  });

  it('reads an entry written before sole traders were swept, naming none', () => {
    const old =
      'retention sweep on 2026-11-01: 1 subject(s); deleted 2 agreement(s), 0 invoice(s), 1 case(s) with 3 message(s), 0 consent(s), 1 subject(s), 0 expired access package(s); contact details of 0 subject(s) reduced to what their invoices need';
    expect(readSweepSummary(old)).toMatchObject({ today: '2026-11-01', agreement: 2, message: 3, organisation: 0, packages: 0 });
  });

  it('is null for any other reason', () => {
    expect(readSweepSummary('retention dry run as of 2026-12-04: 2 record(s)')).toBeNull();
    expect(readSweepSummary(null)).toBeNull();
  });
});
