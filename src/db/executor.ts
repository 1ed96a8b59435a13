import type { Kysely, Transaction } from 'kysely';
import type { DB } from './types.ts';

/** What a repository runs its queries on: the database, or the transaction of the caller. */
export type Executor = Kysely<DB> | Transaction<DB>;
