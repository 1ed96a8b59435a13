import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

export async function up(db: Kysely<any>): Promise<void> {
  const isPostgres = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const blob = isPostgres ? 'bytea' : 'blob';

  // Mail goes out through this table, written in the same transaction as the decision that causes it.
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('related_type', 'text')
    .addColumn('related_id', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('message_id', 'text')
    .execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_related').on('outbox').columns(['related_type', 'related_id']).execute();

  // Scheduled jobs take a lease so one instance runs each, when several share one database.
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  // Requests of data subjects (Art. 12-22) and questions and complaints, with their deadline (Art. 12(3)).
  await db.schema
    .createTable('rights_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('extended_to', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('extension_notified_at', 'text')
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('requester_email', 'text')
    .addColumn('requester_address', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('changes', 'text')
    .addColumn('subject_id', 'text', (c) => c.references('subjects.id').onDelete('set null'))
    .addColumn('case_id', 'text', (c) => c.references('cases.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('verification_method', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('verification_note', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_ground', 'text')
    .addColumn('decision_motivation', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rights_requests_due').on('rights_requests').columns(['status', 'due_on']).execute();
  await db.schema.createIndex('rights_requests_subject').on('rights_requests').column('subject_id').execute();

  // Proof of identity by a code or link sent to contact details on file; only a hash of the secret is kept.
  await db.schema
    .createTable('verification_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('rights_requests.id').onDelete('cascade'))
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('sent_to', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('consumed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('verification_challenges_request').on('verification_challenges').column('request_id').execute();

  // Counters for rate limits per address and per IP, in the database so every instance shares them.
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();

  // Art. 18: while a restriction holds, only storage is allowed (purpose null: every purpose).
  await db.schema
    .createTable('restrictions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.references('rights_requests.id').onDelete('set null'))
    .addColumn('purpose', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .addColumn('lift_notice_sent_at', 'text')
    .execute();
  await db.schema.createIndex('restrictions_subject').on('restrictions').column('subject_id').execute();

  // Art. 21: objections per purpose, and what was decided.
  await db.schema
    .createTable('objections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.references('rights_requests.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema.createIndex('objections_subject').on('objections').column('subject_id').execute();

  // Art. 15: the access package, downloadable through an expiring link after staff review.
  await db.schema
    .createTable('access_packages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('rights_requests.id').onDelete('cascade'))
    .addColumn('subject_id', 'text', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('review_status', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('released_at', 'text')
    .addColumn('downloaded_at', 'text')
    .execute();
  await db.schema.createIndex('access_packages_request').on('access_packages').column('request_id').execute();

  // Art. 19: every recipient that received affected data is told of a rectification, erasure or restriction.
  await db.schema
    .createTable('recipient_notices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.references('rights_requests.id').onDelete('set null'))
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('recipients.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('resolved_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'recipient_notices',
    'access_packages',
    'objections',
    'restrictions',
    'rate_limits',
    'verification_challenges',
    'rights_requests',
    'job_leases',
    'outbox',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
