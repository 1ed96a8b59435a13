import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/cli.ts';
import { DIALECTS } from '../../test/databases.ts';
import { cookieOf, startTestApp, type TestApp } from '../../test/harness.ts';
import { startTestSmtp, type TestSmtp } from '../../test/smtp.ts';

const PUBLIC_URL = 'https://kluis.senict.test';
const CHOSEN = 'mijn eigen lange wachtzin';

/**
 * Issue 19, part 5: a colleague is invited by mail with a link to choose a password, instead of a password passed
 * on by hand; a password someone else chose must be changed at the first sign-in.
 */
describe.each(DIALECTS)('inviting a colleague and the first sign-in, on %s', (dialect) => {
  let smtp: TestSmtp;
  let t: TestApp;
  let dpo: string;
  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(dialect, { smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
    dpo = await t.signIn('dpo');
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } });
  const accept = (token: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token, password } });
  /** The token of the newest invitation mail to `to`, as the person's mail program shows it. */
  const tokenMailedTo = async (to: string, count = 1): Promise<string> => {
    await t.services.mailDelivery.deliverDue();
    const mails = smtp.messages.filter((m) => m.envelope.to.includes(to));
    expect(mails).toHaveLength(count);
    const token = /\/app\/invitation#([A-Za-z0-9_-]{43})/.exec(mails.at(-1)?.text ?? '')?.[1];
    if (token === undefined) throw new Error(`no invitation link in ${mails.at(-1)?.text ?? 'no mail'}`);
    return token;
  };

  it('invites by mail: the link is sealed in the outbox, works once, and the person signs in with the password they chose', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: dpo },
      payload: { email: 'nieuw@senict.test', displayName: 'Nieuwe Collega', role: 'staff', language: 'nl' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const user = added.json<{ id: string; invitedUntil: string; passwordChangeRequired: boolean }>();
    expect(Date.parse(user.invitedUntil) - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(user.passwordChangeRequired).toBe(false);

    // Staff reading the outbox see that a link went out, never the link itself.
    const queued = await t.database.db
      .selectFrom('outbox')
      .select(['kind', 'to_address', 'title', 'body_text', 'language'])
      .where('related_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(queued).toMatchObject({
      kind: 'account_invitation',
      to_address: 'nieuw@senict.test',
      language: 'nl',
      title: 'Uitnodiging voor Kluis van Sen ICT',
    });
    expect(queued.body_text).toContain('[link verstuurd]');
    expect(queued.body_text).not.toContain('/app/invitation#');
    const invitation = await t.database.db
      .selectFrom('account_invitations')
      .select(['id', 'used_at', 'expires_at'])
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();

    const token = await tokenMailedTo('nieuw@senict.test');
    const mail = smtp.messages.find((m) => m.envelope.to.includes('nieuw@senict.test'));
    expect(mail?.text).toMatch(/Beste Nieuwe Collega,/);
    expect(mail?.text).toMatch(/als medewerker te werken in Kluis/);
    expect(mail?.text).toMatch(
      /geldig tot en met \d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}/,
    );
    // Only the token's SHA-256 is kept.
    expect(invitation.id).not.toBe(token);
    expect(invitation.id).toMatch(/^[0-9a-f]{64}$/);

    // Before choosing, nobody can sign in to the account.
    expect((await login('nieuw@senict.test', CHOSEN)).statusCode).toBe(401);
    const weak = await accept(token, 'wachtwoord12');
    expect(weak.json()).toMatchObject({ error: { code: 'password_too_common' } });
    expect(
      (
        await t.database.db
          .selectFrom('account_invitations')
          .select('used_at')
          .where('id', '=', invitation.id)
          .executeTakeFirstOrThrow()
      ).used_at,
    ).toBeNull();

    const accepted = await accept(token, CHOSEN);
    expect(accepted.statusCode, accepted.body).toBe(204);
    expect(
      (
        await t.database.db
          .selectFrom('account_invitations')
          .select('used_at')
          .where('id', '=', invitation.id)
          .executeTakeFirstOrThrow()
      ).used_at,
    ).not.toBeNull();
    const entry = await t.database.db
      .selectFrom('processing_log')
      .select(['actor_id', 'records', 'purpose'])
      .where('records', 'like', `%user:${user.id}%`)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(user.id);

    const session = await login('nieuw@senict.test', CHOSEN);
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ passwordChangeRequired: false });
    // Used once: the same link does nothing a second time.
    const again = await accept(token, 'nog een andere lange wachtzin');
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    expect((await login('nieuw@senict.test', CHOSEN)).statusCode).toBe(200);
  });

  it('refuses a link that was replaced, expired, belongs to a disabled account or never existed, with the same kind of answer', async () => {
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: dpo },
      payload: { email: 'later@senict.test', displayName: 'Later', role: 'accountant', language: 'en' },
    });
    const user = added.json<{ id: string }>();
    const first = await tokenMailedTo('later@senict.test');
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/invitation`,
      headers: { cookie: dpo },
      payload: { language: 'en' },
    });
    expect(again.statusCode, again.body).toBe(200);
    const second = await tokenMailedTo('later@senict.test', 2);
    const english = smtp.messages.filter((m) => m.envelope.to.includes('later@senict.test')).at(-1);
    expect(english?.text).toMatch(/Dear Later,/);
    expect(english?.text).toMatch(/work in Kluis as accountant/);

    expect((await accept(first, CHOSEN)).json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    expect((await accept('y'.repeat(43), CHOSEN)).json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    await t.database.db
      .updateTable('account_invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    const expired = await accept(second, CHOSEN);
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ error: { code: 'invitation_expired' } });
    const hash = (
      await t.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()
    ).password_hash;

    const third = await t.app.inject({
      method: 'POST',
      url: `/api/users/${user.id}/invitation`,
      headers: { cookie: dpo },
      payload: {},
    });
    expect(third.statusCode).toBe(200);
    const token = await tokenMailedTo('later@senict.test', 3);
    await t.app.inject({ method: 'POST', url: `/api/users/${user.id}/disable`, headers: { cookie: dpo } });
    expect((await accept(token, CHOSEN)).json()).toMatchObject({ error: { code: 'invitation_invalid' } });
    expect(
      (await t.database.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow())
        .password_hash,
    ).toBe(hash);
  });

  it('makes the owner of a password the dpo set change it before anything else, and not to the same one', async () => {
    const given = 'door de fg gekozen wachtzin';
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: dpo },
      payload: { email: 'tijdelijk@senict.test', displayName: 'Tijdelijk', role: 'staff', password: given },
    });
    expect(added.json()).toMatchObject({ passwordChangeRequired: true, invitedUntil: null });
    const signedIn = await login('tijdelijk@senict.test', given);
    expect(signedIn.json()).toMatchObject({ passwordChangeRequired: true });
    const headers = { cookie: cookieOf(signedIn), 'x-csrf-token': signedIn.json<{ csrfToken: string }>().csrfToken };

    const blocked = await t.app.inject({ method: 'GET', url: '/api/subjects?q=anna', headers });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ error: { code: 'password_change_required' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/session', headers })).json()).toMatchObject({
      passwordChangeRequired: true,
    });

    const same = await t.app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers,
      payload: { currentPassword: given, newPassword: given },
    });
    expect(same.json()).toMatchObject({ error: { code: 'password_unchanged' } });
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/account/password',
      headers,
      payload: { currentPassword: given, newPassword: CHOSEN },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ passwordChangeRequired: false });
    expect(
      (
        await t.database.db
          .selectFrom('users')
          .select('password_change_required')
          .where('email', '=', 'tijdelijk@senict.test')
          .executeTakeFirstOrThrow()
      ).password_change_required,
    ).toBe(0);
    const renewed = { cookie: cookieOf(changed), 'x-csrf-token': changed.json<{ csrfToken: string }>().csrfToken };
    expect((await t.app.inject({ method: 'GET', url: '/api/subjects?q=anna', headers: renewed })).statusCode).toBe(200);
  });

  it('invites from the CLI, and a generated password must be changed at the first sign-in', async () => {
    const invited = runCli(
      t.database,
      ['user', 'add', '--email', 'cli-uitnodiging@senict.test', '--name', 'Cli Uitnodiging', '--role', 'staff', '--invite'],
      { env: { KLUIS_PUBLIC_URL: PUBLIC_URL } },
    );
    expect(invited.stderr).toBe('');
    expect(invited.stdout).toContain('an invitation to choose a password is in the outbox');
    const queued = await t.database.db
      .selectFrom('outbox')
      .select(['kind', 'to_address'])
      .where('to_address', '=', 'cli-uitnodiging@senict.test')
      .execute();
    expect(queued).toEqual([{ kind: 'account_invitation', to_address: 'cli-uitnodiging@senict.test' }]);

    const withoutUrl = runCli(t.database, [
      'user',
      'add',
      '--email',
      'geen-url@senict.test',
      '--name',
      'Geen Url',
      '--role',
      'staff',
      '--invite',
    ]);
    expect(withoutUrl.status).toBe(1);
    expect(withoutUrl.stderr).toContain('invitation_needs_public_url');
    expect(await t.database.db.selectFrom('users').select('id').where('email', '=', 'geen-url@senict.test').execute()).toEqual(
      [],
    );

    const generated = runCli(t.database, [
      'user',
      'add',
      '--email',
      'gegenereerd@senict.test',
      '--name',
      'Gegenereerd',
      '--role',
      'staff',
      '--generate-password',
    ]);
    const password = /Password \(shown once\): (\S+)/.exec(generated.stdout)?.[1] ?? '';
    expect(generated.stdout).toContain('must be changed at the first sign-in');
    expect((await login('gegenereerd@senict.test', password)).json()).toMatchObject({ passwordChangeRequired: true });
  }, 180_000); // three kluis processes, each a start of Node: minutes when the machine is busy
});
