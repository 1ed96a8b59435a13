import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { authenticate } from 'mailauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import { startTestApp, type TestApp } from '../../test/harness.ts';
import { type TestSmtp, startTestSmtp } from '../../test/smtp.ts';
import { loadPolicy } from '../policy/policy.ts';
import { POLICY_PATH } from '../../test/harness.ts';
import { txtRecords } from '../../test/support/mailbox.ts';
import { deliveredTo, fileRequest } from '../../test/support/requests.ts';
import { mailSettings } from './settings.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
// The public key as the organisation publishes it in DNS, under kluis2026._domainkey.senict.nl.
const DNS = txtRecords({
  'kluis2026._domainkey.senict.nl': `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
});

/** Issue 17: outgoing mail is DKIM-signed when a key is configured, so the receiving side can tell it is ours. */
describe.each(DIALECTS)('DKIM-signed outgoing mail, on %s', (dialect) => {
  let smtp: TestSmtp;
  let t: TestApp;
  let keyDir: string;

  beforeAll(async () => {
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kluis-dkim-'));
    const keyFile = path.join(keyDir, 'dkim.pem');
    fs.writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url, dkim: { keyFile, selector: 'kluis2026' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  it('a letter that reached the SMTP server carries a DKIM-Signature of the sender’s domain that mailauth verifies, aligned with its From', async () => {
    const subject = await newSubject(t);
    await fileRequest(t, { kind: 'access', name: 'Anna', email: subject.email });

    const received = await deliveredTo(t, smtp, subject.email ?? '', 'verification_code');

    expect(received.header('DKIM-Signature')).toMatch(/d=senict\.nl;.*s=kluis2026/s);
    const checked = await authenticate(received.raw, { resolver: DNS, disableArc: true, disableBimi: true });
    expect(
      checked.dkim.results.map((r) => ({ result: r.status.result, domain: r.signingDomain, aligned: r.status.aligned })),
    ).toEqual([{ result: 'pass', domain: 'senict.nl', aligned: 'senict.nl' }]);
    // The code in the mail is part of what was signed: the signature holds over the text as delivered.
    expect(received.text).toMatch(/\b\d{6}\b/);
  });

  it('refuses to start with a key file that holds no private key, saying which file', () => {
    const bad = path.join(keyDir, 'not-a-key.pem');
    fs.writeFileSync(bad, 'not a key');
    expect(() => mailSettings(loadPolicy(POLICY_PATH), { dkim: { keyFile: bad, selector: 'kluis2026' } })).toThrow(
      `KLUIS_DKIM_KEY_FILE ${bad} is not a readable private key`,
    );
  });
});
