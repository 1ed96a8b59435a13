import type { Executor } from '../db/executor.ts';

/**
 * Takes the lease on a job, or renews it, until `expiresAt`. One statement: it inserts the lease, or takes
 * it over when it is the holder's own or has expired; of instances racing for it, exactly one row change
 * wins (PostgreSQL's ON CONFLICT locks the row; SQLite runs one writer at a time).
 */
export async function acquireLease(db: Executor, name: string, holder: string, now: string, expiresAt: string): Promise<boolean> {
  const result = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder: (eb) => eb.ref('excluded.holder'), expires_at: (eb) => eb.ref('excluded.expires_at') })
        .where((eb) => eb.or([eb('job_leases.holder', '=', holder), eb('job_leases.expires_at', '<=', now)])),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Gives the lease up, if still the holder's, so another instance can take the job at once. */
export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.deleteFrom('job_leases').where('name', '=', name).where('holder', '=', holder).execute();
}

export const getLease = (db: Executor, name: string) =>
  db.selectFrom('job_leases').select(['name', 'holder', 'expires_at']).where('name', '=', name).executeTakeFirst();
