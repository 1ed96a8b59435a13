import { CASE_COLUMNS } from '../cases/case.repository.ts';
import type { CaseRow, InboxReason, RightsRequestRow } from '../db/types.ts';
import type { MailHeaders, ParsedMessage } from '../mail/eml.ts';
import { REQUEST_COLUMNS } from '../rights/request.repository.ts';
import { asStatus, isOpen } from '../rights/request-status.ts';
import type { MailAuthentication } from './mail-authentication.ts';
import { referencesIn } from './mail-words.ts';
import type { Executor } from '../db/executor.ts';

/** Where a mail read from the mailbox goes. */
export type Route =
  | { to: 'request_reply'; request: RightsRequestRow }
  | { to: 'case_reply'; parent: CaseRow }
  | { to: 'request' }
  | { to: 'inbox'; reason: InboxReason; detail: string | null; relatedRequestId: string | null; relatedCaseId: string | null };

export interface RoutingFacts {
  message: ParsedMessage;
  headers: MailHeaders;
  authentication: MailAuthentication;
  /** The privacy address(es) of the policy: the controller's and the dpo's e-mail, lower-case. */
  privacyAddresses: ReadonlySet<string>;
  /** Addresses Kluis and the organisation send from: a mail from one of them is never a request. */
  ownAddresses: ReadonlySet<string>;
}

// What a letter of ours is about, by the outbox's related type: the request it belongs to.
const REQUEST_OF: Record<string, { table: 'access_packages' | 'restrictions' } | 'self'> = {
  rights_request: 'self',
  access_package: { table: 'access_packages' },
  restriction: { table: 'restrictions' },
};

/**
 * Decides where a mail goes. A reply (In-Reply-To or References naming a mail we sent, or a reference in the
 * subject) goes to its open request or case; a mail to the privacy address that answers nothing becomes a
 * request (received when it arrived, whoever sent it; one whose From failed DMARC is flagged and not matched
 * to a customer by its address); the rest waits in the triage inbox, and so does a reply to something closed,
 * mail sent by a machine or to a list, and a reply whose From failed DMARC (anyone may have written it).
 * Reads ids and states only; the caller's processing stores the mail and logs what it touched.
 */
export async function routeMail(trx: Executor, facts: RoutingFacts): Promise<Route> {
  const { headers, message } = facts;
  const references = referencesIn(message.title);
  const requestId =
    (await requestAnswered(trx, headers.answers)) ??
    (references.request === null ? undefined : await requestIdByReference(trx, references.request));
  const request =
    requestId === undefined
      ? undefined
      : await trx.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('id', '=', requestId).executeTakeFirst();
  const parent =
    request === undefined && references.case !== null
      ? await trx.selectFrom('cases').select(CASE_COLUMNS).where('reference', '=', references.case).executeTakeFirst()
      : undefined;
  const caseRequest =
    parent?.kind === 'request'
      ? await trx.selectFrom('rights_requests').select(REQUEST_COLUMNS).where('case_id', '=', parent.id).executeTakeFirst()
      : undefined;
  const target = request ?? caseRequest;
  const inbox = (reason: InboxReason, detail: string | null = null): Route => ({
    to: 'inbox',
    reason,
    detail,
    relatedRequestId: target?.id ?? null,
    relatedCaseId: parent?.id ?? target?.case_id ?? null,
  });

  if (headers.automatic) return inbox('automatic');
  // A From that failed DMARC may be anyone's: such a mail is not added to a case or request by itself.
  const forged = facts.authentication.dmarcFailed;
  if (target !== undefined) {
    const caseClosed = target.case_id !== null && (await caseStatus(trx, target.case_id)) === 'closed';
    if (!isOpen(asStatus(target.status)) || caseClosed) return inbox('closed', target.reference);
    return forged ? inbox('dmarc_failed', facts.authentication.fromDomain) : { to: 'request_reply', request: target };
  }
  if (parent !== undefined) {
    if (parent.status === 'closed') return inbox('closed', parent.reference);
    return forged ? inbox('dmarc_failed', facts.authentication.fromDomain) : { to: 'case_reply', parent };
  }
  if (headers.bulk) return inbox('bulk');
  // A request is answered by mail: without one sender to answer, staff look at it.
  if (headers.fromAddress === null) return inbox('no_sender');
  const fromUs = facts.ownAddresses.has(headers.fromAddress);
  if (!fromUs && headers.recipients.some((r) => facts.privacyAddresses.has(r))) return { to: 'request' };
  return inbox('not_addressed');
}

/** The request a mail answers, when its In-Reply-To or References name a letter we sent about one. */
async function requestAnswered(trx: Executor, answers: string[]): Promise<string | undefined> {
  if (answers.length === 0) return undefined;
  const letters = await trx
    .selectFrom('outbox')
    .select(['related_type', 'related_id'])
    .where('message_id', 'in', answers)
    .execute();
  for (const letter of letters) {
    const how = letter.related_type === null ? undefined : REQUEST_OF[letter.related_type];
    if (how === undefined || letter.related_id === null) continue;
    if (how === 'self') return letter.related_id;
    const row = await trx.selectFrom(how.table).select('request_id').where('id', '=', letter.related_id).executeTakeFirst();
    if (row?.request_id !== undefined && row.request_id !== null) return row.request_id;
  }
  return undefined;
}

const requestIdByReference = async (trx: Executor, reference: string): Promise<string | undefined> =>
  (await trx.selectFrom('rights_requests').select('id').where('reference', '=', reference).executeTakeFirst())?.id;

const caseStatus = async (trx: Executor, id: string): Promise<string | undefined> =>
  (await trx.selectFrom('cases').select('status').where('id', '=', id).executeTakeFirst())?.status;
