import { describe, expect, it } from 'vitest';
import { dayOfReceipt, dueOn, isOverdue, latestExtension, legalEnd, overdueTargetsThrough } from './deadline.ts';
import { dutchPublicHolidays, easterSunday, isWorkingDay, kingsDay } from './working-days.ts';

const at = (iso: string) => new Date(iso);
/** Noon in Utrecht on a calendar day. */
const received = (day: string) => at(`${day}T12:00:00+01:00`);

describe('the deadline of a request (Art. 12(3), Regulation 1182/71)', () => {
  it('falls on the same date next month', () => {
    expect(dueOn(at('2026-03-15T10:00:00+01:00'))).toBe('2026-04-15');
    expect(dueOn(at('2026-12-10T09:00:00+01:00'))).toBe('2027-01-10');
  });

  it('falls on the last day of a month that lacks the date', () => {
    expect(dueOn(at('2026-01-31T12:00:00+01:00'))).toBe('2026-02-28');
    expect(dueOn(at('2028-01-31T12:00:00+01:00'))).toBe('2028-02-29');
    expect(dueOn(at('2026-03-31T12:00:00+02:00'))).toBe('2026-04-30');
    expect(dueOn(at('2026-08-31T12:00:00+02:00'))).toBe('2026-09-30');
  });

  it('counts from the day of receipt in the Netherlands, not in UTC', () => {
    // 23:30 UTC on 31 January is already 1 February in Utrecht.
    expect(dayOfReceipt(at('2026-01-31T23:30:00Z'))).toBe('2026-02-01');
    expect(dueOn(at('2026-01-31T23:30:00Z'))).toBe('2026-03-01');
  });

  it('can be extended by two more months at most', () => {
    expect(latestExtension(at('2026-11-30T10:00:00+01:00'))).toBe('2027-02-28');
    expect(latestExtension(at('2027-11-30T10:00:00+01:00'))).toBe('2028-02-29');
  });
});

describe("the legal end of a request's period (Regulation 1182/71 art. 3(4), Algemene termijnenwet)", () => {
  // received, target date (the plain month rule), legal end, why
  const table: [string, string, string, string][] = [
    ['2025-01-31', '2025-02-28', '2025-02-28', 'a month end on a Friday stays'],
    ['2026-01-31', '2026-02-28', '2026-03-02', 'a month end on a Saturday moves to Monday'],
    ['2024-01-31', '2024-02-29', '2024-02-29', 'leap year: 29 February, a Thursday'],
    ['2028-01-31', '2028-02-29', '2028-02-29', 'leap year: 29 February, a Tuesday'],
    ['2026-05-31', '2026-06-30', '2026-06-30', 'the 31st becomes the 30th, a Tuesday'],
    ['2026-09-30', '2026-10-30', '2026-10-30', 'a Friday'],
    ['2026-09-01', '2026-10-01', '2026-10-01', 'a Thursday'],
    ['2026-10-31', '2026-11-30', '2026-11-30', 'the 31st becomes the 30th, a Monday'],
    ['2026-12-30', '2027-01-30', '2027-02-01', 'Saturday 30 January moves to Monday 1 February'],
    ['2026-03-27', '2026-04-27', '2026-04-28', 'Koningsdag on a Monday'],
    ['2025-03-26', '2025-04-26', '2025-04-28', 'Koningsdag on Saturday 26 April, since the 27th is a Sunday'],
    ['2026-03-06', '2026-04-06', '2026-04-07', 'tweede Paasdag'],
    ['2026-03-03', '2026-04-03', '2026-04-03', 'Goede Vrijdag is no holiday of the Algemene termijnenwet'],
    ['2026-04-14', '2026-05-14', '2026-05-15', 'Hemelvaartsdag'],
    ['2026-04-05', '2026-05-05', '2026-05-06', '5 mei on a Tuesday'],
    ['2030-04-05', '2030-05-05', '2030-05-06', '5 mei on a Sunday'],
    ['2027-04-17', '2027-05-17', '2027-05-18', 'tweede Pinksterdag'],
    ['2029-03-02', '2029-04-02', '2029-04-03', 'tweede Paasdag 2029'],
    ['2026-11-25', '2026-12-25', '2026-12-28', 'Christmas on a Friday: past both Christmas days and the Sunday'],
    ['2027-11-25', '2027-12-25', '2027-12-27', 'Christmas on a Saturday, tweede Kerstdag on the Sunday'],
    ['2026-12-01', '2027-01-01', '2027-01-04', 'Nieuwjaarsdag on a Friday'],
    ['2027-12-01', '2028-01-01', '2028-01-03', 'Nieuwjaarsdag on a Saturday'],
  ];

  it.each(table)('received %s: target %s, legal end %s (%s)', (day, target, end) => {
    expect(dueOn(received(day))).toBe(target);
    expect(legalEnd(target)).toBe(end);
  });

  it('moves the extended deadline the same way', () => {
    // Received 30 November 2026: three months end on Sunday 28 February 2027, so on Monday 1 March.
    expect(latestExtension(received('2026-11-30'))).toBe('2027-02-28');
    expect(legalEnd(latestExtension(received('2026-11-30')))).toBe('2027-03-01');
  });

  it('is overdue only after the legal end', () => {
    expect(isOverdue('2026-02-27', '2026-02-27')).toBe(false);
    expect(isOverdue('2026-02-27', '2026-02-28')).toBe(true);
    // Target Saturday 28 February 2026: in time on the Saturday, the Sunday and the Monday, late on the Tuesday.
    for (const today of ['2026-02-28', '2026-03-01', '2026-03-02']) expect(isOverdue('2026-02-28', today), today).toBe(false);
    expect(isOverdue('2026-02-28', '2026-03-03')).toBe(true);
  });

  it('gives the list the latest target date that is overdue on a day, agreeing with isOverdue', () => {
    // Every day of 2025-2030 against every target up to ten days before it.
    const disagreements: string[] = [];
    for (let d = Date.UTC(2025, 0, 1); d <= Date.UTC(2030, 11, 31); d += 86_400_000) {
      const today = new Date(d).toISOString().slice(0, 10);
      const through = overdueTargetsThrough(today);
      for (let back = 0; back <= 10; back += 1) {
        const target = new Date(d - back * 86_400_000).toISOString().slice(0, 10);
        if (isOverdue(target, today) !== target <= through) disagreements.push(`${target} on ${today}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('Dutch public holidays of the Algemene termijnenwet (art. 3)', () => {
  it('computes Easter Sunday as the calendars have it', () => {
    const known: [number, string][] = [
      [1818, '1818-03-22'],
      [2019, '2019-04-21'],
      [2024, '2024-03-31'],
      [2025, '2025-04-20'],
      [2026, '2026-04-05'],
      [2027, '2027-03-28'],
      [2028, '2028-04-16'],
      [2029, '2029-04-01'],
      [2030, '2030-04-21'],
      [2038, '2038-04-25'],
      [2285, '2285-03-22'],
    ];
    for (const [year, easter] of known) expect(easterSunday(year), String(year)).toBe(easter);
  });

  it('lists the eight holidays of 2025-2030', () => {
    expect(dutchPublicHolidays(2025)).toEqual([
      '2025-01-01',
      '2025-04-21',
      '2025-04-26',
      '2025-05-05',
      '2025-05-29',
      '2025-06-09',
      '2025-12-25',
      '2025-12-26',
    ]);
    expect(dutchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    expect(dutchPublicHolidays(2027)).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-04-27',
      '2027-05-05',
      '2027-05-06',
      '2027-05-17',
      '2027-12-25',
      '2027-12-26',
    ]);
    expect(dutchPublicHolidays(2028)).toEqual([
      '2028-01-01',
      '2028-04-17',
      '2028-04-27',
      '2028-05-05',
      '2028-05-25',
      '2028-06-05',
      '2028-12-25',
      '2028-12-26',
    ]);
    expect(dutchPublicHolidays(2029)).toEqual([
      '2029-01-01',
      '2029-04-02',
      '2029-04-27',
      '2029-05-05',
      '2029-05-10',
      '2029-05-21',
      '2029-12-25',
      '2029-12-26',
    ]);
    expect(dutchPublicHolidays(2030)).toEqual([
      '2030-01-01',
      '2030-04-22',
      '2030-04-27',
      '2030-05-05',
      '2030-05-30',
      '2030-06-10',
      '2030-12-25',
      '2030-12-26',
    ]);
  });

  it('holds Koningsdag on 26 April when 27 April is a Sunday', () => {
    expect(kingsDay(2025)).toBe('2025-04-26');
    expect(kingsDay(2031)).toBe('2031-04-26');
    expect(kingsDay(2026)).toBe('2026-04-27');
  });

  it('counts Goede Vrijdag and ordinary weekdays as working days, weekends not', () => {
    expect(isWorkingDay('2027-03-26')).toBe(true); // Goede Vrijdag 2027
    expect(isWorkingDay('2026-12-02')).toBe(true);
    expect(isWorkingDay('2026-12-05')).toBe(false);
    expect(isWorkingDay('2026-12-06')).toBe(false);
  });
});
