import { randomUUID } from 'node:crypto';
import type { OutboxRow } from '../db/types.ts';
import type { LetterSecret } from './letters.ts';
import type { MailSecretBox } from './mail-secrets.ts';
import type { Executor } from '../db/executor.ts';
import type { OutboxStatus } from '../db/vocabulary.ts';

export interface NewMail {
  kind: string;
  to: string;
  title: string;
  text: string;
  html?: string | undefined;
  language: 'nl' | 'en';
  related?: { type: string; id: string } | undefined;
  subjectId?: string | undefined;
  /** The secrets the placeholders of text and html stand for (a Letter's `secrets`); sealed before they are stored. */
  secrets?: readonly LetterSecret[] | undefined;
  /** Files the message carries (an invoice's PDF and UBL); removed with its text (mail-retention). */
  attachments?: readonly MailAttachment[] | undefined;
  /** When the decision that causes the message was taken, from the caller's clock: it is due from then. */
  createdAt: string;
}

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

export const OUTBOX_COLUMNS = [
  'id',
  'created_at',
  'kind',
  'to_address',
  'title',
  'body_text',
  'body_html',
  'language',
  'related_type',
  'related_id',
  'subject_id',
  'status',
  'attempts',
  'next_attempt_at',
  'last_error',
  'sent_at',
  'message_id',
  'claimed_by',
  'claimed_at',
  'body_removed_at',
] as const;

/**
 * Puts a message in the outbox. Call it inside the transaction of the decision that causes the message:
 * the message exists if and only if the decision was committed. Delivery happens later, with retries.
 * A letter with secrets needs the box that seals them: only the sealed value is stored.
 */
export async function enqueueMail(trx: Executor, mail: NewMail, box?: MailSecretBox): Promise<string> {
  const id = randomUUID();
  const now = mail.createdAt;
  const secrets = mail.secrets ?? [];
  if (secrets.length > 0 && box === undefined)
    throw new Error(`A ${mail.kind} message has secrets and no mail secret box to seal them`);
  await trx
    .insertInto('outbox')
    .values({
      id,
      created_at: now,
      kind: mail.kind,
      to_address: mail.to,
      title: mail.title,
      body_text: mail.text,
      body_html: mail.html ?? null,
      language: mail.language,
      related_type: mail.related?.type ?? null,
      related_id: mail.related?.id ?? null,
      subject_id: mail.subjectId ?? null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      sent_at: null,
      message_id: null,
      sealed_secrets: secrets.length === 0 || box === undefined ? null : box.seal(secrets, id),
      body_removed_at: null,
    })
    .execute();
  const attachments = mail.attachments ?? [];
  if (attachments.length > 0) {
    await trx
      .insertInto('outbox_attachments')
      .values(
        attachments.map((a, i) => ({
          id: randomUUID(),
          outbox_id: id,
          position: i + 1,
          filename: a.filename,
          content_type: a.contentType,
          content: a.content,
        })),
      )
      .execute();
  }
  return id;
}

/** The files of a message, in order, for delivery. */
export async function listAttachments(db: Executor, outboxId: string): Promise<MailAttachment[]> {
  const rows = await db
    .selectFrom('outbox_attachments')
    .select(['filename', 'content_type', 'content'])
    .where('outbox_id', '=', outboxId)
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ filename: r.filename, contentType: r.content_type, content: r.content }));
}

export const getById = (db: Executor, id: string): Promise<OutboxRow | undefined> =>
  db.selectFrom('outbox').select(OUTBOX_COLUMNS).where('id', '=', id).executeTakeFirst();

/** The sealed secrets of a message, for delivery only: no answer of the API or the CLI reads them. */
export async function getSealedSecrets(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom('outbox').select('sealed_secrets').where('id', '=', id).executeTakeFirst();
  return row?.sealed_secrets ?? null;
}

export const listRelated = (db: Executor, type: string, id: string): Promise<OutboxRow[]> =>
  db
    .selectFrom('outbox')
    .select(OUTBOX_COLUMNS)
    .where('related_type', '=', type)
    .where('related_id', '=', id)
    .orderBy('created_at')
    .execute();

export interface OutboxFilter {
  status?: OutboxStatus | undefined;
  relatedType?: string | undefined;
  relatedId?: string | undefined;
  /** Keyset cursor: only messages older than this (created_at, id). */
  before?: { createdAt: string; id: string } | undefined;
  limit: number;
}

/** Messages newest first, filtered; keyset-paged so a page costs the same however long the outbox is. */
export function list(db: Executor, f: OutboxFilter): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').select(OUTBOX_COLUMNS);
  if (f.status !== undefined) query = query.where('status', '=', f.status);
  if (f.relatedType !== undefined) query = query.where('related_type', '=', f.relatedType);
  if (f.relatedId !== undefined) query = query.where('related_id', '=', f.relatedId);
  const before = f.before;
  if (before !== undefined) {
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', before.createdAt),
        eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)]),
      ]),
    );
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** How many messages each status holds. */
export async function countByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('outbox')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Ids of pending messages whose time has come, oldest due first. */
export async function listDue(db: Executor, now: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes a pending, due message for one sender. The status test in the WHERE is the lock: of two instances
 * racing for the same row, the database lets exactly one UPDATE change it (PostgreSQL re-checks the
 * condition after waiting for the other's row lock; SQLite runs one writer at a time).
 */
export async function claim(db: Executor, id: string, holder: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'sending', claimed_by: holder, claimed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Messages claimed before the moment and never finished: their sender stopped mid-send. */
export const listStaleClaims = (
  db: Executor,
  claimedBefore: string,
): Promise<Pick<OutboxRow, 'id' | 'attempts' | 'claimed_by' | 'claimed_at'>[]> =>
  db
    .selectFrom('outbox')
    .select(['id', 'attempts', 'claimed_by', 'claimed_at'])
    .where('status', '=', 'sending')
    .where('claimed_at', '<', claimedBefore)
    .execute();

export interface Outcome {
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  nextAttemptAt?: string | undefined;
  lastError?: string | null | undefined;
  sentAt?: string | undefined;
  messageId?: string | undefined;
}

/**
 * Records what came of a claimed message and drops the claim, but only while the claim is still the
 * caller's: after a takeover the other instance's outcome stands. False when the claim was lost. A sent
 * message's sealed secrets are wiped: the stored copy no longer holds anything that works.
 */
export async function settle(
  db: Executor,
  id: string,
  claim: { holder: string; at: string },
  outcome: Outcome,
): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({
      status: outcome.status,
      attempts: outcome.attempts,
      ...(outcome.nextAttemptAt === undefined ? {} : { next_attempt_at: outcome.nextAttemptAt }),
      ...(outcome.lastError === undefined ? {} : { last_error: outcome.lastError }),
      ...(outcome.sentAt === undefined ? {} : { sent_at: outcome.sentAt }),
      ...(outcome.messageId === undefined ? {} : { message_id: outcome.messageId }),
      ...(outcome.status === 'sent' ? { sealed_secrets: null } : {}),
      claimed_by: null,
      claimed_at: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', claim.holder)
    .where('claimed_at', '=', claim.at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A failed message back to pending, due now, with a fresh series of attempts. False unless it had failed and still has its text. */
export async function requeueFailed(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .where('body_removed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
