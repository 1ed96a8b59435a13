import { describe, expect, it } from 'vitest';
import { centsOf, dateOf, decimalOf, percentageOf } from './csv-values.ts';

// Numbers and dates as spreadsheets write them in a CSV of past invoices (issue 20, part 3). Pure functions: no database.

describe('reading amounts, quantities, rates and dates from a CSV cell', () => {
  it.each([
    ['95,00', 9500],
    ['1.250,50', 125050],
    ['1250.50', 125050],
    ['1,250.50', 125050],
    ['€ 12,5', 1250],
    ['-10,00', -1000],
    ['100', 10000],
    ['1.234.567,89', 123456789],
  ])('reads the amount %s as %i cents', (cell, cents) => {
    expect(centsOf(cell)).toBe(cents);
  });

  it.each(['10,555', '1.250', '1,250', 'tien', '', '12,3,4.5x'])('leaves %j as it is: no amount in cents', (cell) => {
    expect(centsOf(cell)).toBe(cell);
  });

  it('reads quantities with a comma or a point, and leaves an ambiguous one for the schema to refuse', () => {
    expect(decimalOf('2,5')).toBe(2.5);
    expect(decimalOf('0.125')).toBe(0.125);
    expect(decimalOf('1.250')).toBe('1.250');
  });

  it('reads VAT rates with or without a percent sign', () => {
    expect(percentageOf('21%')).toBe(21);
    expect(percentageOf('9 %')).toBe(9);
    expect(percentageOf('hoog')).toBe('hoog');
  });

  it('reads dates as ISO or day first as Dutch spreadsheets write them, and nothing month first', () => {
    expect(dateOf('2025-03-14')).toBe('2025-03-14');
    expect(dateOf('14-3-2025')).toBe('2025-03-14');
    expect(dateOf('14/03/2025')).toBe('2025-03-14');
    expect(dateOf('1.2.2024')).toBe('2024-02-01');
    // Month first becomes month 14, which the schema refuses as no date that exists.
    expect(dateOf('03/14/2025')).toBe('2025-14-03');
  });
});
