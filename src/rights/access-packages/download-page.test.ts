import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/databases.ts';
import { newSubject } from '../../../test/factories.ts';
import { startTestApp, type TestApp } from '../../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp.ts';
import { postForm } from '../../../test/support/forms.ts';
import { delivered } from '../../../test/support/requests.ts';
import { DPO, execute, lastEntries, newRequest } from '../../../test/support/executions.ts';
import { PACKAGE_CODE_METHOD } from './package-code.ts';

// The download page as a browser uses it (issue 19, part 6): every POST answers 303, a reload tries no code again,
// the page after the download shows no error of an earlier attempt, and a link that does not work gets a page.
/** A date as the database keeps it; a person reads "4 december 2026" instead. */
const ISO_DATE = /\b20\d\d-\d\d-\d\d\b/;

describe.each(DIALECTS)('the download page of an access package, on %s', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url, now: () => new Date('2026-12-04T10:00:00Z') });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** A released package: its id, its request's id, and the token of the link mail. */
  async function released(language: 'nl' | 'en' = 'nl') {
    const subject = await newSubject(t, { language });
    const request = await newRequest(t, 'access', subject.id);
    await execute(t, request);
    const { id } = await t.database.db
      .selectFrom('access_packages')
      .select('id')
      .where('request_id', '=', request.id)
      .executeTakeFirstOrThrow();
    await t.services.rights.accessPackages.release(DPO, id);
    const mail = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('related_id', '=', id)
      .where('kind', '=', 'access_package')
      .executeTakeFirstOrThrow();
    const token = /token=([A-Za-z0-9_-]+)/.exec((await delivered(t, smtp, mail.id)).text)?.[1] ?? '';
    return { id, requestId: request.id, token };
  }

  /** The newest download code mailed for the package. */
  async function codeMailed(packageId: string): Promise<string> {
    const row = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('related_id', '=', packageId)
      .where('kind', '=', 'package_code')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    return /\b(\d{6})\b/.exec((await delivered(t, smtp, row.id)).text)?.[1] ?? '';
  }

  const attempts = async (requestId: string): Promise<number> =>
    Number(
      (
        await t.database.db
          .selectFrom('verification_challenges')
          .select('attempts')
          .where('request_id', '=', requestId)
          .where('method', '=', PACKAGE_CODE_METHOD)
          .where('consumed_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).attempts,
    );

  it('answers each post with 303: a wrong code, reloaded, counts once; the right one with a space buys one download, and the page after it shows no error', async () => {
    const { id, requestId, token } = await released();
    const page = `/privacy/request/package?token=${token}`;
    const sent = await postForm(t, `/privacy/request/package/code?token=${token}`, {});
    expect(sent.location).toBe(`${page}&sent=1`);
    expect(sent.page.body).toContain('Wij hebben een code naar uw e-mailadres gestuurd');
    const code = await codeMailed(id);

    const wrong = await postForm(t, page, { code: code === '000000' ? '111111' : '000000' });
    expect(wrong.location).toBe(`${page}&problem=validation_failed`);
    expect(wrong.page.statusCode).toBe(400);
    expect(wrong.page.body).toContain('data-error-code="validation_failed"');
    expect(wrong.page.body).toContain('De code klopt niet.');
    // The code travels in the body, never in the address.
    expect(wrong.page.body).toContain(`<form method="post" action="${page}">`);
    expect(await attempts(requestId)).toBe(1);
    for (let i = 0; i < 3; i += 1) expect((await t.app.inject({ url: wrong.location })).statusCode).toBe(400);
    expect(await attempts(requestId)).toBe(1);

    const right = await postForm(t, page, { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` });
    expect(right.location).toBe(`${page}&ready=1`);
    const cookie = right.posted.cookies.find((c) => c.name === 'kluis_download');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/privacy/request/package', maxAge: 600 });
    expect(right.location).not.toContain(cookie?.value ?? '-');
    expect(right.page.statusCode).toBe(200);
    expect(right.page.body).not.toContain('data-error-code');
    expect(right.page.body).toContain('De code klopt.');
    expect(right.page.body).toContain(`href="/privacy/request/package/file?token=${token}"`);
    expect(right.page.headers['content-security-policy']).toContain("default-src 'none'");
    // Nothing downloaded yet: the grant alone is no export.
    const before = await t.database.db
      .selectFrom('access_packages')
      .select('downloaded_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(before.downloaded_at).toBeNull();

    const file = await t.app.inject({
      url: `/privacy/request/package/file?token=${token}`,
      headers: { cookie: right.cookie ?? '' },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(file.rawPayload));
    expect(Object.keys(files)).toContain('report.html');
    // The report a person reads writes its dates out, as the mails of the portal do (issue 19, part 6).
    const report = strFromU8(files['report.html'] ?? new Uint8Array());
    const text = report.replace(/<[^>]+>/g, ' ');
    expect(text.match(new RegExp(`.{60}${ISO_DATE.source}.{20}`, 'g')) ?? []).toEqual([]);
    const mails = await t.database.db
      .selectFrom('outbox')
      .select(['title', 'body_text'])
      .where('related_id', 'in', [id, requestId])
      .execute();
    expect(mails.length).toBeGreaterThanOrEqual(2);
    for (const mail of mails) expect(`${mail.title} ${mail.body_text}`).not.toMatch(ISO_DATE);
    expect(mails.map((m) => m.body_text).join(' ')).toMatch(/\b\d{1,2} (januari|februari|december) 20\d\d\b/);
    expect(file.cookies.find((c) => c.name === 'kluis_download')?.value).toBe('');
    const after = await t.database.db
      .selectFrom('access_packages')
      .select('downloaded_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(after.downloaded_at).not.toBeNull();
    const [entry] = await lastEntries(t, 1);
    expect(entry).toMatchObject({ operation: 'export', outcome: 'allowed' });

    // The page the person is on after the download: no error of the wrong code before it.
    const shown = await t.app.inject({ url: right.location, headers: { cookie: right.cookie ?? '' } });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).not.toContain('data-error-code');
    // The grant is spent: a second download asks for a new code.
    const again = await t.app.inject({
      url: `/privacy/request/package/file?token=${token}`,
      headers: { cookie: right.cookie ?? '', accept: 'text/html' },
    });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`${page}&problem=expired`);
    const noGrant = await t.app.inject({ url: `/privacy/request/package/file?token=${token}` });
    expect(noGrant.statusCode).toBe(410);
  });

  it('does not believe an address that only says "ready": the download needs the grant of the right code', async () => {
    const { token } = await released('en');
    const forged = await t.app.inject({
      url: `/en/privacy/request/package?token=${token}&ready=1`,
      headers: { cookie: 'kluis_download=forged' },
    });
    expect(forged.statusCode).toBe(200);
    expect(forged.body).not.toContain('/file?');
    expect(forged.body).toContain('Send me a code');
  });

  it('shows a friendly page in the page language for an unknown (404) or expired (410) link, and a cut-off link is unknown', async () => {
    const { id, token } = await released();
    const unknown = await t.app.inject({
      url: `/privacy/request/package?token=${'A'.repeat(43)}`,
      headers: { accept: 'text/html' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('<h1 data-error-code="not_found">Deze link kennen wij niet</h1>');
    expect(unknown.body).toContain('<html lang="nl">');
    const cut = await t.app.inject({
      url: `/en/privacy/request/package?token=${token.slice(0, 10)}`,
      headers: { accept: 'text/html' },
    });
    expect(cut.statusCode).toBe(404);
    expect(cut.body).toContain('We do not know this link</h1>');
    expect(cut.body).toContain('<html lang="en">');

    await t.database.db
      .updateTable('access_packages')
      .set({ expires_at: '2026-12-01T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    for (const [path, title] of [
      ['/privacy/request/package', 'Deze link is verlopen'],
      ['/en/privacy/request/package', 'This link has expired'],
    ] as const) {
      const late = await t.app.inject({ url: `${path}?token=${token}`, headers: { accept: 'text/html' } });
      expect(late.statusCode).toBe(410);
      expect(late.body).toContain(`<h1 data-error-code="expired">${title}</h1>`);
      expect(late.headers['content-security-policy']).toContain("default-src 'none'");
      // The code sent to an expired link: the same page after the redirect.
      const posted = await postForm(t, `${path}/code?token=${token}`, {});
      expect(posted.page.statusCode).toBe(410);
      expect(posted.page.body).toContain(title);
    }
  });
});
