import type { Kysely } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * What a decision that a request is manifestly unfounded or excessive rests on (Art. 12(5): the controller
 * bears the burden of demonstrating it), and the note with which a request was closed otherwise (the text
 * of an answer to a question, why it was withdrawn or why the identity could not be established).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rights_requests').addColumn('decision_evidence', 'text').execute();
  await db.schema.alterTable('rights_requests').addColumn('closing_note', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rights_requests').dropColumn('closing_note').execute();
  await db.schema.alterTable('rights_requests').dropColumn('decision_evidence').execute();
}
