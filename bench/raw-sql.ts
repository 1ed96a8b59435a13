import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { Target } from './datasets.ts';
import { Prng } from './prng.ts';
import { mean, percentile, round2 } from './load.ts';

// The customer page's reads as plain SQL on the bare drivers: no HTTP, no session, no Kysely, no guard, no
// log append, no JSON. The floor under the API figure: the difference is what the app adds.

export const READS = [
  'select id, reference, first_name, last_name, gender, email, phone, language, created_at, updated_at from subjects where id = ?',
  'select id, subject_id, kind, street, postal_code, city, country, created_at from subject_addresses where subject_id = ? order by created_at, id',
  'select id, subject_id, kind, title, status, start_date, end_date, created_at, updated_at from agreements where subject_id = ? order by created_at, id',
  `select id, subject_id, agreement_id, credit_for_id, number, status, issue_date, completed_on, billing_name, billing_gender, billing_street,
     billing_postal_code, billing_city, billing_country, reference, currency, total_excl_cents, vat_cents, total_incl_cents, created_at, updated_at
   from invoices where subject_id = ? order by created_at, id`,
  `select id, invoice_id, position, description, quantity, unit_price_cents, vat_rate, amount_cents from invoice_lines
   where invoice_id in (select id from invoices where subject_id = ?) order by invoice_id, position`,
  'select id, subject_id, kind, title, reference, status, opened_at, closed_at, created_at, updated_at from cases where subject_id = ? order by opened_at, id',
  `select id, case_id, subject_id, channel, direction, occurred_at, from_address, to_address, title, body, created_at
   from messages where subject_id = ? order by occurred_at, id`,
  'select id, message_id, subject_id, filename, content_type, size_bytes, sha256, created_at from attachments where subject_id = ? order by created_at, id',
  'select id, subject_id, purpose, given_at, withdrawn_at, method, evidence, created_at from consents where subject_id = ? order by given_at, id',
];

// PostgreSQL is read by as many clients as the app's pool has; SQLite is synchronous and in-process.
const PG_CONCURRENCY = 10;

export interface RawResult {
  opsPerSecond: number;
  latencyMs: { p50: number; p99: number; mean: number };
  operations: number;
  concurrency: number;
  seconds: number;
}

/**
 * The nine reads of one subject on the bare driver, as the HTTP floor's route serves them (bench/server.ts
 * `--mode floor`): SQLite synchronous on one connection, PostgreSQL on a pool as large as the app's, each read
 * in one transaction with its statements prepared, as in `measureRawSql`.
 */
export interface RawReader {
  read(id: string): Promise<unknown[][]>;
  close(): Promise<void>;
}

export function openRawReader(target: Target): RawReader {
  if (target.dialect === 'sqlite') {
    const db = new DatabaseSync(path.join(target.dataDir, 'kluis.sqlite'), { readOnly: true });
    const statements = READS.map((q) => db.prepare(q));
    return {
      read: (id) => {
        db.exec('begin');
        try {
          return Promise.resolve(statements.map((s) => s.all(id)));
        } finally {
          db.exec('commit');
        }
      },
      close: () => Promise.resolve(db.close()),
    };
  }
  const pool = new pg.Pool({
    connectionString: target.databaseUrl,
    max: PG_CONCURRENCY,
    options: `-c search_path=${target.schema}`,
    // As the app's pool (src/db/database.ts): queries issued together go out in one round trip.
    pipeline: true,
  });
  const texts = READS.map((q) => q.replace('?', '$1'));
  return {
    read: async (id) => {
      const client = await pool.connect();
      try {
        // The transaction and its nine reads issued at once: one round trip, the least the driver can do. Each
        // read is prepared once per connection, as the app's own hot statements are (src/db/prepared.ts).
        const results = await Promise.all([
          client.query('begin'),
          ...texts.map((text, i) => client.query({ name: `floor_${i}`, text, values: [id] })),
          client.query('commit'),
        ]);
        return results.slice(1, -1).map((r) => r.rows as unknown[]);
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Reads random subjects for `duration` seconds (after `warmup`), each read all nine queries in one transaction. */
export async function measureRawSql(target: Target, ids: string[], duration: number, warmup: number): Promise<RawResult> {
  const rng = new Prng(11);
  const nextId = () => ids[rng.int(0, ids.length - 1)] ?? '';
  if (target.dialect === 'sqlite') {
    const db = new DatabaseSync(path.join(target.dataDir, 'kluis.sqlite'), { readOnly: true });
    try {
      const statements = READS.map((q) => db.prepare(q));
      const read = () => {
        const id = nextId();
        db.exec('begin');
        for (const s of statements) s.all(id);
        db.exec('commit');
      };
      loopSync(read, warmup);
      return summarize(loopSync(read, duration), duration, 1);
    } finally {
      db.close();
    }
  }
  const reader = openRawReader(target);
  try {
    const read = async () => {
      await reader.read(nextId());
    };
    await loopAsync(read, warmup, PG_CONCURRENCY);
    return summarize(await loopAsync(read, duration, PG_CONCURRENCY), duration, PG_CONCURRENCY);
  } finally {
    await reader.close();
  }
}
function loopSync(read: () => void, seconds: number): number[] {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  for (let t = performance.now(); t < end;) {
    read();
    const now = performance.now();
    latencies.push(now - t);
    t = now;
  }
  return latencies;
}

async function loopAsync(read: () => Promise<void>, seconds: number, concurrency: number): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const t = performance.now();
      await read();
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

function summarize(latencies: number[], seconds: number, concurrency: number): RawResult {
  const sorted = latencies.sort((a, b) => a - b);
  return {
    opsPerSecond: Math.round(sorted.length / seconds),
    latencyMs: { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), mean: round2(mean(sorted)) },
    operations: sorted.length,
    concurrency,
    seconds,
  };
}
