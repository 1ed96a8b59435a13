import { describe, expect, it } from 'vitest';
import { csvField } from './processing-activities.csv.ts';

describe('CSV cells', () => {
  it('quotes commas, quotes and line ends (RFC 4180)', () => {
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('zij zei "ja"')).toBe('"zij zei ""ja"""');
    expect(csvField('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
    expect(csvField('plain')).toBe('plain');
  });

  it('keeps a spreadsheet from reading a cell as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvField('+31 30 123')).toBe("'+31 30 123");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});
