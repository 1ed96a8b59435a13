import { describe, expect, it } from 'vitest';
import { mediaTypeOf } from './media-type.ts';

/** A Windows program as its first bytes show it: MZ, and the PE header where offset 0x3c points. */
function program(): Buffer {
  const bytes = Buffer.alloc(128);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(64, 0x3c);
  bytes.write('PE\0\0', 64, 'latin1');
  return bytes;
}

/** Issue 17, bad input: an attachment that claims one type and is another is kept as what it is. */
describe('the media type kept for an attachment', () => {
  it('keeps the claim when the content agrees or says nothing', () => {
    expect(mediaTypeOf(Buffer.from('%PDF-1.7 offerte'), 'application/pdf')).toBe('application/pdf');
    expect(
      mediaTypeOf(
        Buffer.from('PK\x03\x04 docx', 'latin1'),
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ),
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(mediaTypeOf(Buffer.from('gewone tekst'), 'image/png')).toBe('image/png');
    expect(mediaTypeOf(Buffer.from('MZ maar geen programma'), 'text/plain')).toBe('text/plain');
    expect(mediaTypeOf(program(), 'application/octet-stream')).toBe('application/octet-stream');
  });

  it('keeps what the content unmistakably is when the claim says otherwise: a PDF sent as a photo, a program sent as a PDF', () => {
    expect(mediaTypeOf(Buffer.from('%PDF-1.4 factuur'), 'image/png')).toBe('application/pdf');
    expect(mediaTypeOf(program(), 'application/pdf')).toBe('application/x-msdownload');
    expect(mediaTypeOf(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'text/plain')).toBe('image/png');
  });
});
