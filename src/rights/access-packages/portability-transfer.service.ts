import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, RightsRequestRow } from '../../db/types.ts';
import { recordPortabilityTransfer } from '../../disclosures/portability-transfer.ts';
import { conflict, expired, notFound } from '../../errors.ts';
import type { Actor } from '../../guard/actor.ts';
import type { Guard, Processing, ProcessingContext } from '../../guard/guard.ts';
import type { MailSecretBox } from '../../mail/mail-secrets.ts';
import { enqueueMail } from '../../mail/outbox.repository.ts';
import type { Policy } from '../../policy/policy.ts';
import { closedReason } from '../challenges.ts';
import type { RateLimiter } from '../rate-limit.ts';
import { asStatus, nextStatus } from '../request-status.ts';
import * as requests from '../request.repository.ts';
import { matchesHash, secretHash } from '../secrets.ts';
import * as challenges from '../verification.repository.ts';
import * as packages from './access-package.repository.ts';
import { langOf } from '../executors/deps.ts';
import { packagePath } from './package-letters.ts';
import { PACKAGE_DAYS, tokenHash } from './package-store.ts';
import {
  type NamedOrganisation,
  secretLink,
  transferConfirmationLetter,
  transferLinkLetter,
  transferPath,
  transferSentLetter,
} from './portability-letters.ts';
import { portabilityPurpose, portableCategories } from '../../policy/portability-scope.ts';
import { getContact } from '../../mail/addressees.repository.ts';
import type { Executor } from '../../db/executor.ts';
import { isoNow } from '../../shared/clock.ts';

/** Who carries out a confirmed transfer: the person, through the link we mailed them, for the dpo who released it. */
export const TRANSFER_ACTOR: Actor = { kind: 'system', id: 'portability-transfer', role: 'dpo' };

/** The method under which the confirmation of a transfer's address is kept among the request's challenges. */
export const TRANSFER_CONFIRMATION = 'transfer_confirmation';

const HOUR = 3_600_000;
const CONFIRMATIONS_PER_IP = { name: 'transfer-confirmation:ip', max: 20, windowMs: HOUR };
const CONFIRMATIONS_PER_REQUEST = { name: 'transfer-confirmation:request', max: 10, windowMs: HOUR };

export interface TransferOptions {
  /** The public address of Kluis (KLUIS_PUBLIC_URL), for the links in the mail. */
  publicUrl?: string | undefined;
  /** Seals the links in their mail: the outbox keeps placeholders. */
  mailSecrets: MailSecretBox;
}

/**
 * The processing that hands a person's portable data to the organisation they named (Art. 20(2)): a 'disclose' of
 * the person's records, under the first portable purpose. The person's own instruction is their consent to it,
 * which Art. 18(2) allows even while their data are restricted.
 */
export function transferProcessing(actor: Actor, policy: Policy, subjectId: string, note: string): Processing {
  return {
    actor,
    operation: 'disclose',
    recordType: 'subject',
    includes: ['agreement', 'case', 'message'],
    subjectId,
    purpose: portabilityPurpose(policy),
    exception: { ground: 'consent', reason: 'the person asked for the transmission and confirmed the address (Art. 20(2) GDPR)' },
    note,
  };
}

const organisationOf = (r: Pick<RightsRequestRow, 'transfer_organisation' | 'transfer_email'>): NamedOrganisation => ({
  name: r.transfer_organisation ?? '',
  email: r.transfer_email ?? '',
});

/**
 * Art. 20(2), at the dpo's release of a reviewed portability package that is to go to another organisation: the
 * person is asked, at the address we hold for them (the mailbox their identity was proven with), to confirm the
 * organisation and its address. A 256-bit link token, only its hash kept, valid PACKAGE_DAYS; releasing again
 * sends a new one. Nothing goes to the organisation yet.
 */
export async function askTransferConfirmation(
  ctx: ProcessingContext,
  policy: Policy,
  row: packages.PackageSummaryRow,
  request: Pick<RightsRequestRow, 'id' | 'reference' | 'language' | 'status' | 'transfer_organisation' | 'transfer_email'>,
  actor: Actor,
  options: TransferOptions,
): Promise<packages.PackageSummaryRow> {
  const { trx } = ctx;
  if (request.status !== 'awaiting_release')
    throw conflict(`Request ${request.reference} is ${request.status}; only an open request sends its data`);
  const to = (await getContact(trx, row.subject_id))?.email ?? null;
  if (to === null)
    throw conflict('The person has no e-mail address on file to confirm where the data go; answer the request by hand');
  if (!(await packages.awaitConfirmation(trx, row.id, actor.id))) throw conflict(`Package ${row.id} was released meanwhile`);
  const now = ctx.clock.now();
  await trx
    .updateTable('verification_challenges')
    .set({ consumed_at: now.toISOString() })
    .where('request_id', '=', request.id)
    .where('method', '=', TRANSFER_CONFIRMATION)
    .where('consumed_at', 'is', null)
    .execute();
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const until = new Date(now.getTime() + PACKAGE_DAYS * 86_400_000).toISOString();
  await challenges.create(trx, [
    {
      id,
      request_id: request.id,
      method: TRANSFER_CONFIRMATION,
      secret_hash: secretHash(id, token),
      sent_to: to,
      expires_at: until,
      attempts: 0,
      consumed_at: null,
      created_at: now.toISOString(),
    },
  ]);
  const lang = langOf(request.language);
  const link = secretLink(
    options.publicUrl,
    transferPath(request.reference, token, lang),
    lang === 'nl' ? 'Bevestig het adres' : 'Confirm the address',
  );
  const mail = transferConfirmationLetter(policy, lang, request.reference, organisationOf(request), link, until);
  await enqueueMail(
    trx,
    {
      createdAt: isoNow(ctx.clock),
      ...mail,
      kind: 'transfer_confirmation',
      to,
      language: lang,
      related: { type: 'access_package', id: row.id },
      subjectId: row.subject_id,
    },
    options.mailSecrets,
  );
  ctx.touch('access_package', row.id, row.subject_id);
  ctx.touch('rights_request', request.id);
  return { ...row, review_status: 'awaiting_confirmation', reviewed_by: actor.id };
}

/** The open confirmation of a request, for this token; why not otherwise. Counts nothing. */
async function openConfirmation(db: Executor, reference: string, token: string, now: Date) {
  const request = await requests.getByReference(db, reference);
  const challenge = request === undefined ? undefined : await challenges.latest(db, request.id, TRANSFER_CONFIRMATION);
  if (request === undefined || challenge === undefined) return { verdict: 'unknown' as const };
  if (closedReason(challenge, now) !== null) return { verdict: 'closed' as const };
  if (!matchesHash(challenge.id, token, challenge.secret_hash)) return { verdict: 'wrong' as const, challenge };
  return { verdict: 'open' as const, request, challenge };
}

/**
 * The person's side of a transfer (Art. 20(2)): the page behind the link in the confirmation mail shows the
 * organisation and address, and the person's confirmation sends the link there. The confirmation is recorded
 * as a disclosure (src/disclosures/portability-transfer.ts) in the same transaction that sends it.
 */
export class PortabilityTransferService {
  private readonly db: Kysely<DB>;
  private readonly guard: Guard;
  private readonly limiter: RateLimiter;
  private readonly options: TransferOptions;

  constructor(db: Kysely<DB>, guard: Guard, limiter: RateLimiter, options: TransferOptions) {
    this.db = db;
    this.guard = guard;
    this.limiter = limiter;
    this.options = options;
  }

  /** What the person is asked to confirm: the organisation and its address. Looking is not confirming. */
  async pending(reference: string, token: string): Promise<NamedOrganisation> {
    return this.guard.process({ actor: TRANSFER_ACTOR, operation: 'consult', recordType: 'case' }, async (ctx) => {
      const found = await openConfirmation(ctx.trx, reference, token, ctx.clock.now());
      if (found.verdict !== 'open') throw refusal(found.verdict);
      ctx.touch('rights_request', found.request.id);
      return organisationOf(found.request);
    });
  }

  /**
   * Where the data went, for the page after the confirmation (post/redirect/get, issue 19, part 6): only with the
   * token that confirmed it, which is used up by then, and only once the request says it was confirmed.
   */
  async sent(reference: string, token: string): Promise<NamedOrganisation> {
    return this.guard.process({ actor: TRANSFER_ACTOR, operation: 'consult', recordType: 'case' }, async (ctx) => {
      const request = await requests.getByReference(ctx.trx, reference);
      const challenge = request === undefined ? undefined : await challenges.latest(ctx.trx, request.id, TRANSFER_CONFIRMATION);
      if (
        request === undefined ||
        challenge === undefined ||
        request.transfer_confirmed_at === null ||
        challenge.consumed_at === null ||
        !matchesHash(challenge.id, token, challenge.secret_hash)
      )
        throw notFound('Confirmation');
      ctx.touch('rights_request', request.id);
      return organisationOf(request);
    });
  }

  /**
   * The person confirms: the disclosure is recorded (the P8 exception of Art. 20(2), checked there), the package
   * released with a new link that goes to the organisation's address, the person told, the request answered. A
   * wrong token counts an attempt, committed although the confirmation fails.
   */
  async confirm(reference: string, token: string, ip: string): Promise<NamedOrganisation> {
    await this.limiter.hit([CONFIRMATIONS_PER_IP, ip], [CONFIRMATIONS_PER_REQUEST, reference]);
    const now = this.guard.clock.now();
    const found = await this.db.transaction().execute(async (trx) => {
      const checked = await openConfirmation(trx, reference, token, now);
      if (checked.verdict === 'wrong') await challenges.countAttempt(trx, checked.challenge.id);
      return checked;
    });
    if (found.verdict !== 'open') throw refusal(found.verdict);
    const { request } = found;
    const subjectId = request.subject_id;
    if (subjectId === null) throw notFound('Request', reference);
    const note = `portability transfer to ${request.transfer_organisation ?? '?'} <${request.transfer_email ?? '?'}>`;
    return this.guard.process(transferProcessing(TRANSFER_ACTOR, this.guard.policy, subjectId, note), async (ctx) => {
      if (!(await challenges.consume(ctx.trx, found.challenge.id, now.toISOString()))) throw refusal('closed');
      return this.send(ctx, request, subjectId, now);
    });
  }

  private async send(
    ctx: ProcessingContext,
    request: RightsRequestRow,
    subjectId: string,
    now: Date,
  ): Promise<NamedOrganisation> {
    const { trx } = ctx;
    const at = now.toISOString();
    const status = asStatus(request.status);
    const answered = nextStatus(status, 'release', false);
    const row = (await packages.listByRequest(trx, request.id)).find(
      (p) => p.kind === 'portability' && p.review_status === 'awaiting_confirmation',
    );
    if (answered === null || row === undefined)
      throw conflict(`Request ${request.reference} is ${status}; there is no package waiting for this confirmation`);
    const confirmed = { ...request, transfer_confirmed_at: at };
    const disclosure = await recordPortabilityTransfer(
      trx,
      TRANSFER_ACTOR,
      {
        request: confirmed,
        subjectId,
        categories: portableCategories(this.guard.policy),
        portable: portableCategories(this.guard.policy),
      },
      ctx.processing.purpose,
      at,
    );
    const to = organisationOf(request);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + PACKAGE_DAYS * 86_400_000).toISOString();
    const release = {
      token_hash: tokenHash(token),
      expires_at: expiresAt,
      released_at: at,
      reviewed_by: row.reviewed_by,
      deliver_to: to.email,
      disclosure_id: disclosure.id,
    };
    if (!(await packages.release(trx, row.id, release, 'awaiting_confirmation')))
      throw conflict(`Package ${row.id} was released meanwhile`);
    const lang = langOf(request.language);
    const link = secretLink(
      this.options.publicUrl,
      packagePath(token, lang, 'recipient'),
      lang === 'nl' ? 'Download de gegevens' : 'Download the data',
    );
    const policy = this.guard.policy;
    const related = { type: 'access_package', id: row.id };
    await enqueueMail(
      trx,
      {
        createdAt: at,
        ...transferLinkLetter(policy, lang, request.reference, request.requester_name, link, expiresAt),
        kind: 'portability_transfer',
        to: to.email,
        language: lang,
        related,
        subjectId,
      },
      this.options.mailSecrets,
    );
    const own = (await getContact(trx, subjectId))?.email ?? request.requester_email;
    if (own !== null)
      await enqueueMail(trx, {
        createdAt: at,
        ...transferSentLetter(policy, lang, request.reference, to, expiresAt),
        kind: 'request_answer',
        to: own,
        language: lang,
        related: { type: 'rights_request', id: request.id },
        subjectId,
      });
    if (
      !(await requests.updateIfStatus(trx, request.id, status, {
        status: answered,
        answered_at: at,
        transfer_confirmed_at: at,
        updated_at: at,
      }))
    )
      throw conflict(`Request ${request.reference} changed meanwhile; try again`);
    ctx.touch('rights_request', request.id);
    ctx.touch('access_package', row.id, subjectId);
    ctx.touch('disclosure', disclosure.id, subjectId);
    return to;
  }
}

/**
 * A confirmation link that does not work: 404 for a link we do not know or a token that is not this request's (the
 * same answer: it tells nothing about the request), 410 once it was used, expired or tried too often.
 */
function refusal(verdict: 'unknown' | 'closed' | 'wrong'): Error {
  switch (verdict) {
    case 'unknown':
    case 'wrong':
      return notFound('Confirmation');
    case 'closed':
      return expired('This confirmation link was used, has expired or was tried too often; contact us');
  }
}
