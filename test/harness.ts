import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestCallback, LightMyRequestResponse } from 'fastify';
import { totpCode } from '../src/accounts/totp.ts';
import type { Dialect } from '../src/db/database.ts';
import { buildApp } from '../src/app.ts';
import { CSRF_HEADER } from '../src/http/csrf.ts';
import { cliActor } from '../src/guard/actor.ts';
import { MailSecretBox } from '../src/mail/mail-secrets.ts';
import { type Policy, loadPolicy } from '../src/policy/policy.ts';
import { seedRecipientsFromPolicy } from '../src/registers/recipient-seed.ts';
import { scannerFor } from '../src/scanner/scanner.ts';
import { createServices, type ServiceOptions, type Services } from '../src/services.ts';
import { openTestDatabase, type TestDatabase } from './databases.ts';

export const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
export const PASSWORD = 'correct horse battery staple';

export interface TestApp {
  /**
   * The app. Its inject() adds the session's CSRF token (x-csrf-token) to a request that carries a cookie
   * from signIn() and no token of its own, as the back office does with the token it got at sign-in.
   */
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  /** The key that seals the secrets of queued mail, for a second MailDelivery or intake on the same outbox. */
  mailKey: Buffer;
  /**
   * Creates a user of the role and returns the Cookie header of a signed-in session. A role that needs a
   * second factor (the dpo) enrols one with the app's clock first, as a new dpo does after the first sign-in.
   */
  signIn(role: string): Promise<string>;
  /** The CSRF token of a cookie signIn() returned. */
  csrfOf(cookie: string): string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** SMTP_URL: the outbox is delivered there (by `services.mailDelivery.deliverDue()`); none by default. */
  smtpUrl?: string;
  /** KLUIS_PUBLIC_URL: links in mail point there; none by default (mail holds codes only). */
  publicUrl?: string;
  /** The clock of sign-ins, their throttling, second factors and API tokens; real time by default. */
  now?: () => Date;
  /** KLUIS_TRUST_PROXY; none by default. */
  trustProxy?: boolean | number | string[];
  /** KLUIS_CLAMD_URL: a test clamd (test/clamd.ts); none by default, so files are stored unscanned. */
  clamdUrl?: string;
  /** The policy to run with; Sen ICT's (policy/sen-ict.yaml) by default. See test/policies.ts. */
  policy?: Policy;
  /** KLUIS_DKIM_*: outgoing mail signed with this key; unsigned by default. */
  dkim?: { keyFile: string; selector: string; domain?: string };
  /** The mailbox to read (a test's Dovecot), its DNS records and attachment gate; none by default. */
  mailbox?: ServiceOptions['mailbox'];
  /** The seller on invoices and the reminder schedule; the policy's controller alone by default. */
  invoicing?: ServiceOptions['invoicing'];
}

/** Tests never ask the network: DKIM, SPF and DMARC find no records (a test gives its own, see src/mailbox/). */
const NO_DNS = async (name: string): Promise<string[]> => {
  throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

/** The whole app on a fresh database of the dialect, driven through inject(). */
export async function startTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase(dialect);
  const policy = options.policy ?? loadPolicy(POLICY_PATH);
  const now = options.now ?? (() => new Date());
  await seedRecipientsFromPolicy(database.db, policy, now().toISOString());
  const mailKey = MailSecretBox.generateKey();
  const services = createServices(database, policy, {
    mail: { smtpUrl: options.smtpUrl, secretKey: mailKey, dkim: options.dkim },
    publicUrl: options.publicUrl,
    clock: { now },
    scanner: scannerFor(options.clamdUrl),
    mailbox: { resolver: NO_DNS, ...options.mailbox },
    invoicing: options.invoicing,
  });
  const csrfTokens = new Map<string, string>();
  const app = withCsrfTokens(
    await buildApp(services, {
      logLevel: 'silent',
      publicUrl: options.publicUrl,
      ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
    }),
    csrfTokens,
  );
  let n = 0;
  return {
    app,
    services,
    database,
    mailKey,
    signIn: async (role) => {
      n += 1;
      const email = `${role}${n}@senict.test`;
      await services.users.add(cliActor(), { email, displayName: `${role} ${n}`, role, password: PASSWORD });
      const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password: PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
      const cookie = cookieOf(response);
      const session = response.json<{ csrfToken: string; secondFactorRequired: boolean }>();
      csrfTokens.set(cookie, session.csrfToken);
      if (session.secondFactorRequired) await enrolSecondFactor(app, cookie, now());
      return cookie;
    },
    csrfOf: (cookie) => {
      const token = csrfTokens.get(cookie);
      if (token === undefined) throw new Error('not a cookie of signIn()');
      return token;
    },
    close: async () => {
      services.mailDelivery.close();
      await services.mailbox.reader?.close();
      await app.close();
      await database.drop();
    },
  };
}

/** The app with an inject() that sends the CSRF token of each signIn() cookie, unless the request has one. */
function withCsrfTokens(app: FastifyInstance, tokens: Map<string, string>): FastifyInstance {
  const withToken = (opts: InjectOptions | string): InjectOptions | string => {
    if (typeof opts === 'string') return opts;
    const headers: Record<string, unknown> = { ...opts.headers };
    const token = typeof headers.cookie === 'string' ? tokens.get(headers.cookie) : undefined;
    if (token === undefined || Object.keys(headers).some((h) => h.toLowerCase() === CSRF_HEADER)) return opts;
    return { ...opts, headers: { ...opts.headers, [CSRF_HEADER]: token } };
  };
  const inject = ((opts?: InjectOptions | string, callback?: LightMyRequestCallback) => {
    if (opts === undefined) return app.inject();
    return callback === undefined ? app.inject(withToken(opts)) : app.inject(withToken(opts), callback);
  }) as FastifyInstance['inject'];
  return new Proxy(app, {
    get: (target, property) => (property === 'inject' ? inject : (Reflect.get(target, property, target) as unknown)),
  });
}

/** Enrols a TOTP second factor on the session's account, playing the authenticator app at `at`. */
async function enrolSecondFactor(app: FastifyInstance, cookie: string, at: Date): Promise<void> {
  const started = await app.inject({ method: 'POST', url: '/api/account/second-factor', headers: { cookie } });
  if (started.statusCode !== 200) throw new Error(`enrolment failed: ${started.body}`);
  const code = await totpCode(started.json<{ secret: string }>().secret, at);
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/account/second-factor/confirm',
    headers: { cookie },
    payload: { code },
  });
  if (confirmed.statusCode !== 200) throw new Error(`enrolment failed: ${confirmed.body}`);
}

export function cookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'kluis_session');
  if (cookie === undefined) throw new Error('no session cookie');
  return `kluis_session=${cookie.value}`;
}

/** Counts rows in the processing log; the tests compare it before and after a request. */
export async function logCount(t: TestApp): Promise<number> {
  const row = await t.database.db
    .selectFrom('processing_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest entry of the processing log, as stored. */
export function lastLogEntry(t: TestApp) {
  return t.database.db.selectFrom('processing_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}
