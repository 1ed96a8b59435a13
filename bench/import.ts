import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Database, Dialect } from '../src/db/database.ts';
import { cliActor } from '../src/guard/actor.ts';
import * as repo from '../src/import/import.repository.ts';
import { loadPolicy } from '../src/policy/policy.ts';
import { seedRecipientsFromPolicy } from '../src/registers/recipient-seed.ts';
import { createServices } from '../src/services.ts';
import type { Log } from './datasets.ts';
import { scratchDatabase } from './scratch.ts';

// Issue 20's Speed target: an import of 10,000 organisations with 20,000 contact persons through the guard reaches
// at least 25% of the throughput of a raw bulk insert of the same rows, measured in the same run.

const POLICY_PATH = path.resolve(import.meta.dirname, '../policy/sen-ict.yaml');
const ORGANISATIONS = 10_000;
const CONTACTS_EACH = 2;
const MIN_SHARE = 0.25;
const RAW_CHUNK = 5_000;
const START = '<!-- bench:import -->';
const END = '<!-- /bench:import -->';

export interface ImportRun {
  dialect: Dialect;
  rows: number;
  /** The same rows inserted as prepared objects, multi-row inserts in one transaction: no parsing, no checks, no log. */
  rawSeconds: number;
  /** Both files through ImportService: decoded, every row checked, the check against what is held, batches through the guard. */
  importSeconds: number;
  share: number;
  logEntries: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A customer list as Dutch Excel writes it: semicolons, Windows-1252 (the names have accents). */
function files(): { organisations: Buffer; contacts: Buffer } {
  const organisations = ['Relatienummer;Naam;Rechtsvorm;KvK;Btw-nummer;E-mail;Telefoon;Straat;Postcode;Plaats'];
  const contacts = ['Referentie;Organisatie;Voornaam;Achternaam;E-mail;Telefoon;Functie;Eigenaar'];
  for (let i = 0; i < ORGANISATIONS; i += 1) {
    const kvk = String(10_000_000 + i);
    const soleTrader = i % 5 === 0;
    organisations.push(
      [
        `R${i}`,
        `${soleTrader ? 'Adviesbureau' : 'Automatisering'} Hé${i} ${soleTrader ? '' : 'BV'}`.trim(),
        soleTrader ? 'eenmanszaak' : 'bv',
        kvk,
        `NL${String(100_000_000 + i)}B01`,
        `info@org${i}.example`,
        `+31 30 ${String(1_000_000 + i).slice(1)}`,
        `Vredenburg ${1 + (i % 200)}`,
        '3511 BD',
        'Utrecht',
      ].join(';'),
    );
    for (let c = 0; c < CONTACTS_EACH; c += 1)
      contacts.push(
        [
          `C${i}-${c}`,
          `R${i}`,
          c === 0 ? 'Zoë' : 'Jan',
          `Müller ${i}`,
          `p${c}@org${i}.example`,
          `+31 6 ${String(10_000_000 + i * 2 + c).slice(1)}`,
          c === 0 ? 'directeur' : 'inkoper',
          soleTrader && c === 0 ? 'ja' : 'nee',
        ].join(';'),
      );
  }
  return {
    organisations: Buffer.from(organisations.join('\r\n'), 'latin1'),
    contacts: Buffer.from(contacts.join('\r\n'), 'latin1'),
  };
}

/** The same rows the import writes, as prepared objects, inserted in chunks in one transaction. */
async function rawInsert(database: Database): Promise<number> {
  const now = new Date().toISOString();
  const organisations = Array.from({ length: ORGANISATIONS }, (_, i) => ({
    id: randomUUID(),
    reference: `O-${String(i).padStart(8, '0')}`,
    name: `Automatisering Hé${i} BV`,
    kind: i % 5 === 0 ? 'sole_trader' : 'legal_entity',
    kvk_number: String(10_000_000 + i),
    vat_number: `NL${String(100_000_000 + i)}B01`,
    email: `info@org${i}.example`,
    phone: '+31 30 000000',
    external_reference: `R${i}`,
    import_source: 'import: raw',
    created_at: now,
    updated_at: now,
  }));
  const addresses = organisations.map((o, i) => ({
    id: randomUUID(),
    organisation_id: o.id,
    kind: 'billing',
    street: `Vredenburg ${1 + (i % 200)}`,
    postal_code: '3511 BD',
    city: 'Utrecht',
    country: 'NL',
    created_at: now,
  }));
  const subjects = organisations.flatMap((o, i) =>
    Array.from({ length: CONTACTS_EACH }, (_, c) => ({
      id: randomUUID(),
      reference: `K-${String(i * CONTACTS_EACH + c).padStart(8, '0')}`,
      first_name: c === 0 ? 'Zoë' : 'Jan',
      last_name: `Müller ${i}`,
      email: `p${c}@org${i}.example`,
      phone: '+31 6 0000000',
      language: 'nl',
      source: 'import',
      external_reference: `C${i}-${c}`,
      import_source: 'import: raw',
      created_at: now,
      updated_at: now,
      organisation_id: o.id,
    })),
  );
  const roles = subjects.map((s, i) => ({
    organisation_id: s.organisation_id,
    subject_id: s.id,
    role: i % 2 === 0 ? 'directeur' : 'inkoper',
    owner: 0,
    created_at: now,
  }));
  const started = performance.now();
  await database.db.transaction().execute(async (trx) => {
    for (let i = 0; i < ORGANISATIONS; i += RAW_CHUNK) {
      await repo.insertOrganisations(trx, organisations.slice(i, i + RAW_CHUNK));
      await repo.insertOrganisationAddresses(trx, addresses.slice(i, i + RAW_CHUNK));
    }
    for (let i = 0; i < subjects.length; i += RAW_CHUNK) {
      await repo.insertSubjects(trx, subjects.slice(i, i + RAW_CHUNK));
      await repo.insertContactRoles(trx, roles.slice(i, i + RAW_CHUNK));
    }
  });
  return (performance.now() - started) / 1000;
}

async function measure(dialect: Dialect, databaseUrl: string): Promise<ImportRun> {
  const input = files();
  const raw = await scratchDatabase(dialect, databaseUrl, 'import');
  let rawSeconds: number;
  try {
    rawSeconds = await rawInsert(raw.database);
  } finally {
    await raw.drop();
  }
  const work = await scratchDatabase(dialect, databaseUrl, 'import');
  try {
    const policy = loadPolicy(POLICY_PATH);
    await seedRecipientsFromPolicy(work.database.db, policy, new Date().toISOString());
    const services = createServices(work.database, policy);
    const before = await work.database.db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const started = performance.now();
    const organisations = await services.imports.run(
      cliActor(),
      { filename: 'relaties.csv', content: input.organisations },
      { kind: 'organisations' },
    );
    const contacts = await services.imports.run(
      cliActor(),
      { filename: 'contactpersonen.csv', content: input.contacts },
      { kind: 'contacts' },
    );
    const importSeconds = (performance.now() - started) / 1000;
    services.mailDelivery.close();
    if (organisations.created !== ORGANISATIONS || contacts.created !== ORGANISATIONS * CONTACTS_EACH)
      throw new Error(`the import created ${organisations.created} organisations and ${contacts.created} contacts`);
    const after = await work.database.db
      .selectFrom('processing_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = ORGANISATIONS * (1 + CONTACTS_EACH);
    return {
      dialect,
      rows,
      rawSeconds: round2(rawSeconds),
      importSeconds: round2(importSeconds),
      share: round2(rawSeconds / importSeconds),
      logEntries: Number(after.n) - Number(before.n),
    };
  } finally {
    await work.drop();
  }
}

/** Measures every dialect, writes bench/import-results.json and its section of BENCHMARKS.md. */
export async function runImportBenchmark(dialects: Dialect[], databaseUrl: string, log: Log): Promise<ImportRun[]> {
  const runs: ImportRun[] = [];
  for (const dialect of dialects) {
    const run = await measure(dialect, databaseUrl);
    log(
      `import, ${dialect}: ${run.rows} rows raw in ${run.rawSeconds} s, through the import in ${run.importSeconds} s (${Math.round(run.share * 100)}%, ${run.logEntries} log entries)`,
    );
    log(
      `${run.share >= MIN_SHARE ? 'met    ' : 'NOT MET'}  ${dialect}: the import reaches at least ${MIN_SHARE * 100}% of a raw bulk insert's throughput (${Math.round(run.share * 100)}%)`,
    );
    runs.push(run);
  }
  writeSection(runs);
  return runs;
}

function writeSection(runs: ImportRun[]): void {
  const name = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const perSecond = (rows: number, s: number) => Math.round(rows / s).toLocaleString('en');
  const section = [
    START,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} (\`npm run bench\`, or \`npm run bench:import\` alone): ${ORGANISATIONS.toLocaleString('en')} organisations (one in five a sole`,
    `trader) with an address, and ${(ORGANISATIONS * CONTACTS_EACH).toLocaleString('en')} contact persons, as two CSV files the way Dutch Excel writes them (Windows-1252, semicolons).`,
    "The import: `ImportService.run` on each file, decoding, checking every row against the API's schemas, one consultation to find what",
    'is held already, then batches (500 rows on SQLite, 2,000 on PostgreSQL), each a processing through the guard with its log entry (retention dates included).',
    'The raw bulk insert: the same rows as prepared objects, multi-row inserts of 5,000 in one transaction, in a fresh database.',
    `Load average at the end of the run: ${os.loadavg()[0]?.toFixed(1) ?? '?'} on ${os.cpus().length} cores.`,
    '',
    `| Database | Rows | Raw bulk insert | Import through the guard | Log entries | Share | Target ≥ ${MIN_SHARE * 100}% |`,
    '|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${name(r.dialect)} | ${r.rows.toLocaleString('en')} | ${r.rawSeconds} s (${perSecond(r.rows, r.rawSeconds)}/s) | ${r.importSeconds} s (${perSecond(r.rows, r.importSeconds)}/s) | ${r.logEntries} | ${Math.round(r.share * 100)}% | ${r.share >= MIN_SHARE ? 'met' : '**not met**'} |`,
    ),
    '',
    END,
  ].join('\n');
  const file = path.resolve(import.meta.dirname, '../BENCHMARKS.md');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n## Import of organisations and contact persons (issue 20)\n\n${section}\n`;
  fs.writeFileSync(file, next);
  fs.writeFileSync(path.resolve(import.meta.dirname, 'import-results.json'), `${JSON.stringify(runs, null, 2)}\n`);
}
