import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.ts';
import { newSubject } from '../../test/factories.ts';
import * as sealedSecretsMigration from '../db/migrations/2026-12-02T1800-outbox-sealed-secrets.ts';
import { cliActor } from '../guard/actor.ts';
import { freshIp } from '../../test/support/requests.ts';
import {
  E2E_TIMEOUT_MS,
  type E2e,
  PUBLIC_URL,
  codeIn,
  customer,
  decide,
  fileRequest,
  mailArrived,
  requestByReference,
  startE2e,
} from '../../test/support/rights-e2e.ts';
import { enqueueMail } from './outbox.repository.ts';
import type { OutboxPage, OutboxStatus } from './outbox.schema.ts';

// Issue 16, finding 1: whoever may read the outbox (staff, an API token of staff, the dpo, `kluis mail show`) or
// holds a copy of the database must not find a verification code, a download code or a link token in it.

const TOKEN_IN_LINK = /token=[A-Za-z0-9_-]{16,}/;

describe.each(DIALECTS)('secrets of mail stay out of the outbox (Art. 32(1)(b)), on %s', (dialect) => {
  let e: E2e;

  beforeAll(async () => {
    e = await startE2e(dialect);
  }, E2E_TIMEOUT_MS);
  afterAll(async () => e.close());

  /** Everything the outbox shows: the API's listing and every message by id, as staff and as the dpo, the CLI, and the table itself. */
  async function everythingReadable(): Promise<string> {
    const seen: string[] = [];
    for (const cookie of [e.staff, e.dpo]) {
      const list = await e.t.app.inject({ method: 'GET', url: '/api/outbox?limit=100', headers: { cookie } });
      expect(list.statusCode, list.body).toBe(200);
      seen.push(list.body);
      for (const m of list.json<OutboxPage>().messages) {
        const one = await e.t.app.inject({ method: 'GET', url: `/api/outbox/${m.id}`, headers: { cookie } });
        expect(one.statusCode, one.body).toBe(200);
        seen.push(one.body);
        // `kluis mail show` prints what this returns.
        seen.push(JSON.stringify(await e.t.services.outbox.get(cliActor(), m.id)));
      }
    }
    // A copy of the database (a backup): every column of the outbox, the sealed secrets included.
    seen.push(
      JSON.stringify(
        await e.t.database.db
          .selectFrom('outbox')
          .select(['title', 'body_text', 'body_html', 'last_error', 'sealed_secrets'])
          .execute(),
      ),
    );
    return seen.join('\n');
  }

  function expectNoneOf(readable: string, secrets: string[]): void {
    for (const secret of secrets) {
      expect(secret.length, 'a secret was mailed').toBeGreaterThanOrEqual(6);
      expect(readable.includes(secret), `the outbox shows a working secret (${secret.slice(0, 3)}…)`).toBe(false);
    }
    expect(readable).not.toMatch(TOKEN_IN_LINK);
  }

  const sealedOf = async (kind: string, to: string) =>
    await e.t.database.db
      .selectFrom('outbox')
      .select(['id', 'body_text', 'sealed_secrets', 'status'])
      .where('kind', '=', kind)
      .where('to_address', '=', to)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();

  it(
    'shows staff and the dpo that a code or link was sent, never the code, the link token or the download code, before and after delivery',
    async () => {
      const c = await customer(e.t);

      // 1. The verification mail: a code and a link with a token.
      const { reference } = await fileRequest(e, { kind: 'access', name: 'Anna de Vries', email: c.email, language: 'nl' });
      const pendingCode = await sealedOf('verification_code', c.email);
      expect(pendingCode.body_text).toContain('[code verstuurd]');
      expect(pendingCode.body_text).toContain('[link verstuurd]');
      expect(pendingCode.sealed_secrets).not.toBeNull();
      const beforeVerification = await everythingReadable();
      const codeMail = await mailArrived(e, c.email, `Uw verificatiecode voor verzoek ${reference}`);
      const verificationCode = codeIn(codeMail);
      const verifyToken =
        new RegExp(`/privacy/request/verify\\?reference=${reference}&token=([A-Za-z0-9_-]+)`).exec(codeMail.text)?.[1] ?? '';
      expect(verifyToken.length).toBeGreaterThan(16);
      expectNoneOf(beforeVerification, [verificationCode, verifyToken]);
      expectNoneOf(await everythingReadable(), [verificationCode, verifyToken]);
      // Delivered: the stored copy keeps no sealed secret either.
      expect(await sealedOf('verification_code', c.email)).toMatchObject({ status: 'sent', sealed_secrets: null });

      // The mailed code works: the secret reached the person.
      const verified = await e.t.app.inject({
        method: 'POST',
        url: `/api/public/requests/${reference}/verify`,
        payload: { code: verificationCode },
        remoteAddress: freshIp(),
      });
      expect(verified.statusCode, verified.body).toBe(200);
      const request = await requestByReference(e, reference);
      await decide(e, request.id, { decision: 'granted' });
      const pkg = (
        await e.t.app.inject({ method: 'GET', url: `/api/requests/${request.id}/access-packages`, headers: { cookie: e.dpo } })
      ).json<{ packages: { id: string }[] }>().packages[0];
      expect(
        (
          await e.t.app.inject({
            method: 'POST',
            url: `/api/access-packages/${pkg?.id ?? ''}/release`,
            headers: { cookie: e.dpo },
          })
        ).statusCode,
      ).toBe(200);

      // 2. The link to the package.
      expect((await sealedOf('access_package', c.email)).body_text).toContain('[link verstuurd]');
      const beforeLink = await everythingReadable();
      const linkMail = await mailArrived(e, c.email, `Uw gegevens staan klaar (verzoek ${reference})`);
      const token =
        new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/privacy/request/package\\?token=([A-Za-z0-9_-]+)`).exec(
          linkMail.text,
        )?.[1] ?? '';
      expect(token.length).toBeGreaterThan(40);
      expectNoneOf(beforeLink, [token]);
      expectNoneOf(await everythingReadable(), [token]);

      // 3. The one-time download code.
      expect(
        (await e.t.app.inject({ method: 'POST', url: `/api/public/packages/${token}/code`, remoteAddress: freshIp() }))
          .statusCode,
      ).toBe(202);
      expect((await sealedOf('package_code', c.email)).body_text).toContain('[code verstuurd]');
      const beforeDownloadCode = await everythingReadable();
      const downloadCode = codeIn(await mailArrived(e, c.email, `Uw downloadcode (verzoek ${reference})`));
      expectNoneOf(beforeDownloadCode, [token, downloadCode]);
      expectNoneOf(await everythingReadable(), [token, downloadCode]);
      expect(await sealedOf('package_code', c.email)).toMatchObject({ status: 'sent', sealed_secrets: null });

      // What staff could copy from the outbox opens nothing; what the person received does.
      const staffView = (await e.t.app.inject({ method: 'GET', url: '/api/outbox?limit=100', headers: { cookie: e.staff } }))
        .body;
      expect(staffView).toContain('[code verstuurd]');
      expect(staffView).toContain('[link verstuurd]');
      const download = await e.t.app.inject({
        method: 'GET',
        url: `/privacy/request/package?token=${token}&code=${downloadCode}`,
      });
      expect(download.statusCode, download.body).toBe(200);
    },
    E2E_TIMEOUT_MS,
  );

  it("answers a retry through the guard: the letter it shows is a consultation in the person's processing log", async () => {
    const subject = await newSubject(e.t, { email: 'retry.guard@example.nl' });
    const id = await enqueueMail(e.t.database.db, {
      createdAt: new Date().toISOString(),
      kind: 'request_answer',
      to: 'retry.guard@example.nl',
      title: 'Antwoord',
      text: 'Uw antwoord',
      language: 'nl',
      subjectId: subject.id,
    });
    await e.t.database.db.updateTable('outbox').set({ status: 'failed', attempts: 6 }).where('id', '=', id).execute();
    const retried = await e.t.app.inject({ method: 'POST', url: `/api/outbox/${id}/retry`, headers: { cookie: e.dpo } });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id, text: 'Uw antwoord', status: 'pending' });
    const consulted = await e.t.database.db
      .selectFrom('processing_log')
      .select(['operation', 'record_type', 'outcome', 'subject_ids', 'records'])
      .where('operation', '=', 'consult')
      .where('record_type', '=', 'message')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(consulted).toMatchObject({ outcome: 'allowed', records: JSON.stringify([`outbox:${id}`]) });
    expect(JSON.parse(consulted.subject_ids)).toEqual([subject.id]);
  });

  it('takes the codes and tokens out of messages sent before the upgrade, and leaves a waiting one its secret', async () => {
    const db = e.t.database.db;
    const legacy = (status: OutboxStatus, to: string) =>
      enqueueMail(db, {
        createdAt: new Date().toISOString(),
        kind: 'package_code',
        to,
        title: 'Uw downloadcode',
        text: 'Vul deze code in:\n\n    482913\n\nLink: https://kluis.senict.test/privacy/request/package?token=Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA',
        html: '<p><strong>482913</strong></p><p><a href="https://kluis.senict.test/privacy/request/package?token=Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTA">x</a></p>',
        language: 'nl',
      }).then(async (id) => {
        await db.updateTable('outbox').set({ status }).where('id', '=', id).execute();
        return id;
      });
    const [sent, waiting] = [
      await legacy('sent', 'legacy.sent@example.nl'),
      await legacy('pending', 'legacy.waiting@example.nl'),
    ];
    await sealedSecretsMigration.down(db);
    await sealedSecretsMigration.up(db);
    const rows = await db
      .selectFrom('outbox')
      .select(['id', 'body_text', 'body_html'])
      .where('id', 'in', [sent, waiting])
      .execute();
    const scrubbed = rows.find((r) => r.id === sent);
    expect(scrubbed?.body_text).toContain('    [code verstuurd]');
    expect(`${scrubbed?.body_text ?? ''}${scrubbed?.body_html ?? ''}`).not.toMatch(/482913|Zm9vYmFy/);
    expect(rows.find((r) => r.id === waiting)?.body_text).toContain('482913');
  });
});
