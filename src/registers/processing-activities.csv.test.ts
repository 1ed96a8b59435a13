import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvField } from '../shared/csv.ts';

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

  it('neutralises a formula behind leading spaces, tabs or line ends too', () => {
    expect(csvField('  =1+1')).toBe("'  =1+1");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField(' \n@SUM(A1)')).toBe(`"' \n@SUM(A1)"`);
    expect(csvField('\u00a0+31')).toBe("'\u00a0+31");
    expect(csvField('\uFF1D1+1')).toBe("'\uFF1D1+1");
    expect(csvField('Jan = Piet')).toBe('Jan = Piet');
  });

  it('gives back every text unchanged or as text, and never a cell a spreadsheet reads as a formula (property)', () => {
    const blank = fc.constantFrom(' ', '\t', '\r', '\n', '\u00a0', '\u3000', '\u0000');
    const trigger = fc.constantFrom('=', '+', '-', '@', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20');
    const formula = fc
      .tuple(fc.array(blank, { maxLength: 5 }), trigger, fc.string())
      .map(([b, t, rest]) => `${b.join('')}${t}${rest}`);
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), formula), (text) => {
        const value = unquote(csvField(text));
        // Read back, the cell is the text, or the text behind an apostrophe that makes it text.
        expect([text, `'${text}`]).toContain(value);
        // What a spreadsheet sees after skipping blanks never starts a formula.
        expect(value.replace(/^[\s\p{Cc}]+/u, '')).not.toMatch(/^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/);
        expect(value).not.toMatch(/^[\t\r\n]/);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(formula, (text) => {
        expect(unquote(csvField(text))).toBe(`'${text}`);
      }),
    );
  });
});

/** One CSV cell read back as RFC 4180 says: quoted cells lose their quotes and their doubled quotes. */
function unquote(cell: string): string {
  if (!cell.startsWith('"')) {
    expect(cell).not.toMatch(/[",\r\n]/);
    return cell;
  }
  expect(cell.endsWith('"') && cell.length >= 2).toBe(true);
  const inner = cell.slice(1, -1);
  expect(inner.replaceAll('""', '')).not.toContain('"');
  return inner.replaceAll('""', '"');
}
