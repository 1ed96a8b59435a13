import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Dialect } from '../../src/db/database.ts';
import { newAgreement, newCase, newInvoice, newSubject, oldConsent } from '../factories.ts';
import { startTestApp, type TestApp } from '../harness.ts';
import { type ReceivedMail, startTestSmtp, type TestSmtp } from '../smtp.ts';
import { cliActor } from '../../src/guard/actor.ts';
import { freshIp } from './requests.ts';

// Helpers of the end-to-end tests of the rights (rights-e2e-*.test.ts): the app with its outbox delivered to a
// real SMTP server in the test process, a customer with a record of every kind, and the person's and the dpo's
// steps, each an HTTP call through inject(). Mail is read as it arrived at the SMTP server, never from the outbox.

export const PUBLIC_URL = 'https://kluis.senict.test';
// Generous: another process may hold both cores while these run.
export const MAIL_TIMEOUT_MS = 30_000;
export const E2E_TIMEOUT_MS = 120_000;

export interface E2e {
  t: TestApp;
  smtp: TestSmtp;
  dpo: string;
  staff: string;
  close(): Promise<void>;
}

export async function startE2e(dialect: Dialect): Promise<E2e> {
  const smtp = await startTestSmtp();
  const t = await startTestApp(dialect, { smtpUrl: smtp.url, publicUrl: PUBLIC_URL });
  const dpo = await t.signIn('dpo');
  const staff = await t.signIn('staff');
  return {
    t,
    smtp,
    dpo,
    staff,
    close: async () => {
      await t.close();
      await smtp.close();
    },
  };
}

/**
 * Runs the outbox delivery (the scheduler's mail job) and waits for the mail to `to` whose subject contains
 * `subject` to arrive at the SMTP server.
 */
export async function mailArrived(e: E2e, to: string, subject: string): Promise<ReceivedMail> {
  const report = await e.t.services.mailDelivery.deliverDue();
  expect(report.failed + report.retrying, 'every due message was delivered').toBe(0);
  return e.smtp.waitFor((m) => m.envelope.to.includes(to) && m.subject.includes(subject), MAIL_TIMEOUT_MS);
}

/** Every mail that arrived for an address, in order of arrival. */
export const arrivedFor = (e: E2e, to: string): ReceivedMail[] => e.smtp.messages.filter((m) => m.envelope.to.includes(to));

/** The 6-digit code in a mail as the person reads it. */
export function codeIn(mail: ReceivedMail): string {
  const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
  expect(code, `a code in "${mail.subject}"`).toBeDefined();
  return code ?? '';
}

/** A customer with a record of every kind: an issued invoice on one agreement, a loose quote, a case with messages, a consent from before. */
export async function customer(t: TestApp) {
  const actor = cliActor();
  const subject = await newSubject(t);
  const invoiced = await newAgreement(t, subject.id, { endDate: '2026-02-28' });
  const loose = await newAgreement(t, subject.id, { kind: 'quote', title: 'Offerte netwerk', status: 'sent' });
  const draft = await newInvoice(t, subject.id, { agreementId: invoiced.id });
  const invoice = await t.services.invoices.issue(actor, draft.id, { completedOn: '2026-03-31' });
  const opened = await newCase(t, subject.id);
  await t.services.cases.addMessage(actor, opened.id, {
    channel: 'email',
    direction: 'inbound',
    occurredAt: '2026-04-01T10:00:00Z',
    body: 'Klopt mijn factuur wel?',
  });
  await t.services.cases.addMessage(actor, opened.id, {
    channel: 'email',
    direction: 'outbound',
    occurredAt: '2026-04-02T09:00:00Z',
    body: 'Ja, de factuur klopt.',
  });
  // Recorded before Kluis refused consents for purposes on another basis: history, kept in the file (Art. 6(1)(a)).
  const consent = { id: await oldConsent(t, subject.id, 'correspondence') };
  const email = subject.email ?? '';
  return { subject, email, invoiced, loose, invoice, opened, consent };
}

/** The person files a request through the public API; the receipt's body and the reference. */
export async function fileRequest(
  e: E2e,
  body: Record<string, unknown>,
): Promise<{ response: LightMyRequestResponse; reference: string }> {
  const response = await e.t.app.inject({ method: 'POST', url: '/api/public/requests', payload: body, remoteAddress: freshIp() });
  expect(response.statusCode, response.body).toBe(202);
  return { response, reference: response.json<{ reference: string }>().reference };
}

/** The person reads the code from the mail that arrived and enters it on the public API. */
export async function verifyWithMailedCode(
  e: E2e,
  email: string,
  reference: string,
  lang: 'nl' | 'en' = 'nl',
): Promise<ReceivedMail> {
  const mail = await mailArrived(
    e,
    email,
    lang === 'nl' ? `Uw verificatiecode voor verzoek ${reference}` : `Your verification code for request ${reference}`,
  );
  expect(mail.header('Content-Language')).toBe(lang);
  const response = await e.t.app.inject({
    method: 'POST',
    url: `/api/public/requests/${reference}/verify`,
    payload: { code: codeIn(mail) },
    remoteAddress: freshIp(),
  });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.json()).toMatchObject({ reference, stage: 'in_progress' });
  return mail;
}

/** The stage the portal shows for a request. */
export async function publicStage(e: E2e, reference: string): Promise<string> {
  const response = await e.t.app.inject({ method: 'GET', url: `/api/public/requests/${reference}`, remoteAddress: freshIp() });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ stage: string }>().stage;
}

interface StaffRequest {
  id: string;
  reference: string;
  status: string;
  subjectId: string | null;
  verificationMethod: string | null;
}

/** The dpo finds the request by its reference in the list by deadline, and opens it. */
export async function requestByReference(e: E2e, reference: string): Promise<StaffRequest> {
  const list = await e.t.app.inject({ method: 'GET', url: `/api/requests?q=${reference}`, headers: { cookie: e.dpo } });
  expect(list.statusCode, list.body).toBe(200);
  const summary = list.json<{ items: { id: string; reference: string }[] }>().items.find((r) => r.reference === reference);
  expect(summary, `request ${reference} in the list`).toBeDefined();
  const one = await e.t.app.inject({ method: 'GET', url: `/api/requests/${summary?.id ?? ''}`, headers: { cookie: e.dpo } });
  expect(one.statusCode, one.body).toBe(200);
  return one.json<StaffRequest>();
}

/** The dpo's decision through the API; the response's request. */
export async function decide(
  e: E2e,
  id: string,
  decision: Record<string, unknown>,
): Promise<{ status: string; decision: string | null }> {
  const response = await e.t.app.inject({
    method: 'POST',
    url: `/api/requests/${id}/decision`,
    headers: { cookie: e.dpo },
    payload: decision,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ request: { status: string; decision: string | null } }>().request;
}

/** What every answer letter carries: the controller and the DPO (P16), the reference, the language. */
export function expectLetter(mail: ReceivedMail, lang: 'nl' | 'en', reference: string): void {
  expect(mail.header('Content-Language')).toBe(lang);
  expect(mail.from).toBe('"Sen ICT" <security@senict.nl>');
  expect(mail.text).toContain(reference);
  expect(mail.text).toContain('Ketjapweg 40, 3541 RH Utrecht');
}

/** The processing log entries that name a subject, oldest first. */
export const entriesNaming = (t: TestApp, subjectId: string) =>
  t.database.db
    .selectFrom('processing_log')
    .innerJoin('processing_log_subjects', 'processing_log_subjects.log_seq', 'processing_log.seq')
    .select([
      'processing_log.seq',
      'processing_log.operation',
      'processing_log.record_type',
      'processing_log.outcome',
      'processing_log.actor_role',
      'processing_log.records',
    ])
    .where('processing_log_subjects.subject_id', '=', subjectId)
    .orderBy('processing_log.seq')
    .execute();
