import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Dialect } from '../src/db/database.ts';
import { buildApp } from '../src/http/app.ts';
import { cliActor } from '../src/guard/actor.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { seedRecipientsFromPolicy } from '../src/registers/recipient-seed.ts';
import { createServices, type Services } from '../src/services.ts';
import { openTestDatabase, type TestDatabase } from './databases.ts';

export const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
export const PASSWORD = 'correct horse battery staple';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  /** Creates a user of the role and returns the Cookie header of a signed-in session. */
  signIn(role: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** SMTP_URL: the outbox is delivered there (by `services.mailDelivery.deliverDue()`); none by default. */
  smtpUrl?: string;
  /** KLUIS_PUBLIC_URL: links in mail point there; none by default (mail holds codes only). */
  publicUrl?: string;
}

/** The whole app on a fresh database of the dialect, driven through inject(). */
export async function startTestApp(dialect: Dialect, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await openTestDatabase(dialect);
  const policy = loadPolicy(POLICY_PATH);
  await seedRecipientsFromPolicy(database.db, policy);
  const services = createServices(database, policy, { mail: { smtpUrl: options.smtpUrl }, publicUrl: options.publicUrl });
  const app = await buildApp(services, { logLevel: 'silent' });
  let n = 0;
  return {
    app,
    services,
    database,
    signIn: async (role) => {
      n += 1;
      const email = `${role}${n}@senict.test`;
      await services.users.add(cliActor(), { email, displayName: `${role} ${n}`, role, password: PASSWORD });
      const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password: PASSWORD } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
      return cookieOf(response);
    },
    close: async () => {
      services.mailDelivery.close();
      await app.close();
      await database.drop();
    },
  };
}

export function cookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'kluis_session');
  if (cookie === undefined) throw new Error('no session cookie');
  return `kluis_session=${cookie.value}`;
}

/** Counts rows in the processing log; the tests compare it before and after a request. */
export async function logCount(t: TestApp): Promise<number> {
  const row = await t.database.db.selectFrom('processing_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The newest entry of the processing log, as stored. */
export function lastLogEntry(t: TestApp) {
  return t.database.db.selectFrom('processing_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
}
