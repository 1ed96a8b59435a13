import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { OutboxRow, RightsRequestRow } from '../../src/db/types.ts';
import type { TestApp } from '../harness.ts';
import type { ReceivedMail, TestSmtp } from '../smtp.ts';
import { OUTBOX_COLUMNS } from '../../src/mail/outbox.repository.ts';
import { REQUEST_COLUMNS } from '../../src/rights/request.repository.ts';

let ipCounter = 0;
/** A fresh client address, so the per-IP limits of one test do not reach the next. */
export const freshIp = (): string => {
  ipCounter += 1;
  return `10.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}.${1 + (ipCounter % 200)}`;
};

/** Files a request through the public API from its own IP address. */
export const fileRequest = (t: TestApp, body: Record<string, unknown>, ip = freshIp()): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url: '/api/public/requests', payload: body, remoteAddress: ip });

export const proveIdentity = (
  t: TestApp,
  reference: string,
  proof: Record<string, string>,
  ip = freshIp(),
): Promise<LightMyRequestResponse> =>
  t.app.inject({ method: 'POST', url: `/api/public/requests/${reference}/verify`, payload: proof, remoteAddress: ip });

/** Every message in the outbox to an address, oldest first. */
export const mailTo = (t: TestApp, to: string): Promise<OutboxRow[]> =>
  t.database.db
    .selectFrom('outbox')
    .select(OUTBOX_COLUMNS)
    .where('to_address', '=', to)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

export const outboxCount = async (t: TestApp): Promise<number> =>
  Number(
    (
      await t.database.db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export const requestRow = (t: TestApp, reference: string): Promise<RightsRequestRow> =>
  t.database.db
    .selectFrom('rights_requests')
    .select(REQUEST_COLUMNS)
    .where('reference', '=', reference)
    .executeTakeFirstOrThrow();

/**
 * Delivers the outbox (the app must have an SMTP URL) and returns the newest message of the kind to the
 * address as it arrived at the SMTP server: the stored copy holds placeholders, never the code or link.
 */
export async function deliveredTo(t: TestApp, smtp: TestSmtp, to: string, kind: string): Promise<ReceivedMail> {
  const row = (await mailTo(t, to)).filter((m) => m.kind === kind).at(-1);
  expect(row, `a ${kind} mail to ${to}`).toBeDefined();
  return delivered(t, smtp, row?.id ?? '');
}

/** Delivers the outbox and returns the message of the outbox row as it arrived at the SMTP server. */
export async function delivered(t: TestApp, smtp: TestSmtp, outboxId: string): Promise<ReceivedMail> {
  await t.services.mailDelivery.deliverDue();
  const row = await t.database.db.selectFrom('outbox').select('message_id').where('id', '=', outboxId).executeTakeFirst();
  expect(row?.message_id, `outbox message ${outboxId} was sent`).toBeTruthy();
  return smtp.waitFor((m) => m.messageId === row?.message_id);
}

/** The 6-digit code in the newest verification mail to the address, as the person received it. */
export async function codeSentTo(t: TestApp, smtp: TestSmtp, to: string): Promise<string> {
  const mail = await deliveredTo(t, smtp, to, 'verification_code');
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
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
