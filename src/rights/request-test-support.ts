import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { OutboxRow, RightsRequestRow } from '../db/types.ts';
import type { TestApp } from '../../test/harness.ts';
import { OUTBOX_COLUMNS } from '../mail/outbox.repository.ts';
import { REQUEST_COLUMNS } from './request.repository.ts';

let ipCounter = 0;
/** A fresh client address, so the per-IP limits of one test do not reach the next. */
export const freshIp = (): string => {
  ipCounter += 1;
  return `10.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}.${1 + (ipCounter % 200)}`;
};

/** Files a request through the public API from its own IP address. */
export const fileRequest = (t: TestApp, body: Record<string, unknown>, ip = freshIp()): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url: '/api/public/requests', payload: body, remoteAddress: ip });

export const proveIdentity = (t: TestApp, reference: string, proof: Record<string, string>, ip = freshIp()): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url: `/api/public/requests/${reference}/verify`, payload: proof, remoteAddress: ip });

/** Every message in the outbox to an address, oldest first. */
export const mailTo = (t: TestApp, to: string): Promise<OutboxRow[]> =>
  t.database.db.selectFrom('outbox').select(OUTBOX_COLUMNS).where('to_address', '=', to).orderBy('created_at').orderBy('id').execute();

export const outboxCount = async (t: TestApp): Promise<number> =>
  Number((await t.database.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export const requestRow = (t: TestApp, reference: string): Promise<RightsRequestRow> =>
  t.database.db.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('reference', '=', reference).executeTakeFirstOrThrow();

/** The 6-digit code in the newest verification mail to the address. */
export async function codeSentTo(t: TestApp, to: string): Promise<string> {
  const mails = (await mailTo(t, to)).filter((m) => m.kind === 'verification_code');
  const code = /\b(\d{6})\b/.exec(mails.at(-1)?.body_text ?? '')?.[1];
  expect(code, `a code mailed to ${to}`).toBeDefined();
  return code ?? '';
}

/** The body of a response with what differs between any two requests (reference, dates) blanked out. */
export const shapeOf = (response: LightMyRequestResponse): string =>
  response.body.replace(/V-\d{4}-[0-9A-Z]{6}/g, 'V-REF').replace(/\d{4}-\d{2}-\d{2}/g, 'DATE');

/** The headers of a response that say anything about its content (not its date or length). */
export const headersOf = (response: LightMyRequestResponse): Record<string, unknown> =>
  Object.fromEntries(Object.entries(response.headers).filter(([name]) => name !== 'date' && name !== 'content-length'));

/** Today in the Netherlands, and a day some days before. */
export const daysAgo = (days: number): string => {
  const d = new Date(Date.now() - days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(d);
};
