import { describe, expect, it } from 'vitest';
import { formatNumber } from './invoice-number.ts';
import { computeTotals } from './invoice-totals.ts';

describe('invoice totals', () => {
  it('computes amounts and VAT per line, rounding each to the cent half away from zero', () => {
    const totals = computeTotals([
      { description: 'Werkplekbeheer', quantity: 2, unitPriceCents: 4550, vatRate: 21 },
      { description: 'Kabel', quantity: 1.5, unitPriceCents: 333, vatRate: 9 },
      { description: 'Export', quantity: 1, unitPriceCents: 1000, vatRate: 0 },
    ]);
    expect(totals.lines.map((l) => [l.position, l.amountCents, l.vatCents])).toEqual([
      [1, 9100, 1911],
      [2, 500, 45],
      [3, 1000, 0],
    ]);
    expect(totals).toMatchObject({ totalExclCents: 10600, vatCents: 1956, totalInclCents: 12556 });
  });

  it('computes exactly where floating point would not (0.1 × 3 hours, 1.005 × a cent price)', () => {
    const totals = computeTotals([
      { description: 'a', quantity: 0.1, unitPriceCents: 3, vatRate: 21 },
      { description: 'b', quantity: 1.005, unitPriceCents: 1000, vatRate: 21 },
      { description: 'c', quantity: 0.125, unitPriceCents: 999_999_999, vatRate: 21 },
    ]);
    // 0.3 → 0; 1005 exactly; 124999999.875 → 125000000
    expect(totals.lines.map((l) => l.amountCents)).toEqual([0, 1005, 125_000_000]);
  });

  it('makes a credit line the exact negative of the line it corrects', () => {
    const line = { description: 'Uur', quantity: 2.5, unitPriceCents: 333, vatRate: 21 as const };
    const original = computeTotals([line]);
    const credit = computeTotals([{ ...line, unitPriceCents: -line.unitPriceCents }]);
    expect(original.lines[0]?.amountCents).toBe(833);
    expect(credit.lines[0]?.amountCents).toBe(-833);
    expect(credit.totalInclCents).toBe(-original.totalInclCents);
    expect(credit.vatCents).toBe(-original.vatCents);
  });
});

describe('invoice numbers', () => {
  it('pads the sequence to four digits and grows past them', () => {
    expect(formatNumber('2026', 1)).toBe('2026-0001');
    expect(formatNumber('2026', 12345)).toBe('2026-12345');
  });
});
