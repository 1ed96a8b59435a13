import { type Kysely, sql } from 'kysely';

// Frozen in time: this file must not import application code.

/**
 * A granted access is answered only when the link to its package went out (status awaiting_release until then).
 * Before this, the decision itself answered it: an access request marked answered whose package still waits for
 * review, and was never released, is open again and counts against its deadline. Its answered_at is cleared;
 * the release sets it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('rights_requests')
    .set({ status: 'awaiting_release', answered_at: null })
    .where('kind', '=', 'access')
    .where('status', '=', 'answered')
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom('access_packages')
            .select(sql`1`.as('one'))
            .whereRef('access_packages.request_id', '=', 'rights_requests.id')
            .where('review_status', '=', 'pending_review'),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('access_packages')
              .select(sql`1`.as('one'))
              .whereRef('access_packages.request_id', '=', 'rights_requests.id')
              .where('review_status', '=', 'released'),
          ),
        ),
      ]),
    )
    .execute();
}

/** Back to the old meaning: a decided access is answered (the time of release, if any, is not known here). */
export async function down(db: Kysely<any>): Promise<void> {
  await db
    .updateTable('rights_requests')
    .set({ status: 'answered', answered_at: sql`decided_at` })
    .where('status', '=', 'awaiting_release')
    .execute();
}
