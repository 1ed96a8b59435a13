import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/db/database.ts';
import { appendEntry } from '../../src/guard/processing-log.repository.ts';

// A child process of log-sealer.test.ts: appends entries the way the guard does, one transaction each, and prints
// the number of each one committed, until it is killed (SIGKILL), often inside a transaction. It never seals.
// Arguments: the data directory, and for PostgreSQL the URL and the schema.
const [dataDir = '', databaseUrl, schema] = process.argv.slice(2);
const database = openDatabase({ dataDir, databaseUrl, ...(schema === undefined ? {} : { schema }), poolSize: 2 });
for (let i = 0; ; i += 1) {
  const subject = `subject-${i % 7}`;
  const seq = await database.db.transaction().execute(async (trx) => {
    const appended = await appendEntry(
      trx,
      {
        at: new Date().toISOString(),
        actor_kind: 'user',
        actor_id: 'child',
        actor_role: 'staff',
        operation: 'consult',
        purpose: 'contract',
        record_type: 'subject',
        subject_ids: JSON.stringify([subject]),
        records: JSON.stringify([`subject:${subject}`]),
        outcome: 'allowed',
        reason: null,
      },
      [subject],
    );
    // The work after the entry, before the commit: a kill lands here as often as between transactions.
    await sleep(i % 3);
    return appended;
  });
  process.stdout.write(`${seq}\n`);
}
