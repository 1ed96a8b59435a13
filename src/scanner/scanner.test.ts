import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CLAMD, type TestClamd, startTestClamd } from '../../test/clamd.ts';
import { EICAR, EICAR_SIGNATURE } from '../../test/clamd-database.ts';
import { parseClamdUrl } from './clamd-address.ts';
import { ClamdScanner } from './scanner.ts';

// Statement, BEVEILIGING: "antivirusscanners". Against a real clamd with a signature database of our own.
describe.runIf(HAS_CLAMD)('the scanner against a real clamd', () => {
  let clamd: TestClamd;
  let scanner: ClamdScanner;
  let smallChunks: ClamdScanner;
  const signedAt = new Date(Date.now() - 3 * 3_600_000);

  beforeAll(async () => {
    clamd = await startTestClamd({ streamMaxLength: '2M', signedAt });
    const address = parseClamdUrl(clamd.url);
    if (address === null) throw new Error('bad url');
    scanner = new ClamdScanner(address);
    // Small chunks, so EICAR crosses a chunk boundary and the stream is really sent in pieces.
    smallChunks = new ClamdScanner(address, { chunkBytes: 16 });
  });
  afterAll(async () => {
    await clamd.close();
  });

  it('calls a clean file clean', async () => {
    expect(await scanner.scan(Buffer.from('Geachte heer, hierbij de offerte.'), 'offerte.txt')).toEqual({
      name: 'offerte.txt',
      verdict: 'clean',
    });
  });

  it('finds EICAR and names the signature, from bytes and from a stream', async () => {
    expect(await scanner.scan(EICAR, 'eicar.com')).toEqual({
      name: 'eicar.com',
      verdict: 'infected',
      signature: EICAR_SIGNATURE,
    });
    expect(await smallChunks.scan(EICAR, 'eicar.com')).toMatchObject({ verdict: 'infected', signature: EICAR_SIGNATURE });
    const stream = Readable.from([EICAR.subarray(0, 30), EICAR.subarray(30)]);
    expect(await smallChunks.scan(stream, 'eicar.com')).toMatchObject({ verdict: 'infected', signature: EICAR_SIGNATURE });
  });

  it('finds EICAR inside a mail, base64-encoded as an attachment', async () => {
    const mail = [
      'From: Anna <anna@example.nl>',
      'To: security@senict.nl',
      'Subject: factuur',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'Zie bijlage.',
      '--b',
      'Content-Type: application/octet-stream; name="factuur.com"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="factuur.com"',
      '',
      EICAR.toString('base64'),
      '--b--',
      '',
    ].join('\r\n');
    expect(await scanner.scan(Buffer.from(mail), 'mail.eml')).toMatchObject({ verdict: 'infected', signature: EICAR_SIGNATURE });
  });

  it('reports a file over StreamMaxLength as not scanned, never as clean', async () => {
    const result = await scanner.scan(Buffer.alloc(3 * 1024 * 1024, 0x61), 'groot.bin');
    expect(result).toMatchObject({ verdict: 'unavailable', reason: 'size_limit' });
  });

  it("reports the signatures' date from VERSION", async () => {
    const probe = await scanner.probe();
    if (!probe.reachable) throw new Error(probe.detail);
    expect(probe.version.engine).toMatch(/^\d+\.\d+/);
    expect(Math.abs((probe.version.signatures?.date.getTime() ?? 0) - signedAt.getTime())).toBeLessThan(1000);
  });

  it('answers unavailable while clamd is stopped, and scans again once it is back', async () => {
    await clamd.stop();
    expect(await scanner.scan(Buffer.from('hallo'), 'brief.txt')).toMatchObject({
      verdict: 'unavailable',
      reason: 'unreachable',
    });
    expect(await scanner.probe()).toMatchObject({ reachable: false });
    await clamd.start();
    expect(await scanner.scan(Buffer.from('hallo'), 'brief.txt')).toMatchObject({ verdict: 'clean' });
  });
});
