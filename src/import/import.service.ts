import { randomInt, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../db/types.ts';
import { importRefused, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import { businessToday } from '../shared/business-day.ts';
import { type Clock, isoNow } from '../shared/clock.ts';
import { type ReadTable, readCsv } from './csv-file.ts';
import type { ContactRowInput, ImportKind, OrganisationRowInput, PersonRowInput, RowProblem } from './import-kinds.ts';
import { resolveInvoices, writeInvoices } from './import-invoices.ts';
import { type PlannedRow, invoicesOf, planFile } from './import-plan.ts';
import * as repo from './import.repository.ts';
import { readVcard } from './vcard-file.ts';

/**
 * Rows per transaction, one log entry each: on SQLite short enough that its one write lock is not held for long;
 * on PostgreSQL, where round trips dominate and nobody waits for a lock of the whole database, larger.
 */
export const IMPORT_BATCH = { sqlite: 500, postgres: 2000 } as const;

export interface ImportFile {
  filename: string;
  content: Uint8Array;
}

export interface ImportOptions {
  kind: ImportKind;
  dryRun?: boolean;
  /** Import the good rows and leave out the bad ones; without it, one bad row stops the whole import. */
  skipBadRows?: boolean;
  purpose?: string | undefined;
}

export interface ImportResult {
  kind: ImportKind;
  filename: string;
  /** What every record created says of where it came from: "import: <file name>, <date>". */
  source: string;
  encoding: ReadTable['encoding'];
  separator: ReadTable['separator'];
  dryRun: boolean;
  /** Whether records were written: false for a dry run and for an import refused for its bad rows. */
  imported: boolean;
  counts: { rows: number; create: number; unchanged: number; bad: number };
  /** How many records this run created (0 on a dry run); of invoices, the invoices (a row is one of their lines). */
  created: number;
  batches: number;
  ignoredColumns: string[];
  fileProblems: RowProblem[];
  rows: Omit<PlannedRow, 'input'>[];
}

/**
 * Imports organisations, persons and contact persons from an earlier administration (issue 20, part 3). Every row
 * is checked first and each problem named by line and column; a file with bad rows imports nothing unless the
 * caller chooses to skip them. Then the rows go in batches, each one processing through the guard (one log entry
 * naming every person of the batch). A row is known by its external reference: one imported before is left as
 * it is, so importing the same file twice changes nothing. No Art. 14 letter is sent: the data moves from one
 * system of the controller to another and was obtained, and told, before. Invoices issued before Kluis come in
 * whole, under their own numbers, as invoice processings (import-invoices.ts).
 */
export class ImportService {
  private readonly guard: Guard;
  private readonly clock: Clock;
  private readonly batch: number;

  /** Reads the time from the guard's clock unless given one (`now`, as createServices names it). */
  constructor(guard: Guard, options: { clock?: Clock | undefined; batch?: number } = {}) {
    this.guard = guard;
    this.clock = options.clock ?? guard.clock;
    this.batch = options.batch ?? IMPORT_BATCH.sqlite;
  }

  async run(actor: Actor, file: ImportFile, options: ImportOptions): Promise<ImportResult> {
    const { kind } = options;
    const table = readTable(file, kind);
    const plan = planFile(kind, table);
    const source = `import: ${file.filename}, ${businessToday(this.clock.now())}`;
    // The check against what is held is a consultation: it reads which of these persons we have (and, of invoices,
    // which numbers are taken and which customers they name).
    const today = businessToday(this.clock.now());
    await this.guard.process(
      { actor, operation: 'consult', ...recordTypes(kind), purpose: options.purpose, note: `${source} (check)` },
      (ctx) => (kind === 'invoices' ? resolveInvoices(ctx, plan.rows, today) : resolve(ctx, kind, plan.rows)),
    );
    const bad = plan.rows.filter((r) => r.action === 'bad');
    const toCreate = plan.rows.filter((r) => r.action === 'create');
    const result: ImportResult = {
      kind,
      filename: file.filename,
      source,
      encoding: table.encoding,
      separator: table.separator,
      dryRun: options.dryRun === true,
      imported: false,
      counts: {
        rows: plan.rows.length,
        create: toCreate.length,
        unchanged: plan.rows.filter((r) => r.action === 'unchanged').length,
        bad: bad.length,
      },
      created: 0,
      batches: 0,
      ignoredColumns: plan.ignoredColumns,
      fileProblems: plan.fileProblems,
      rows: plan.rows.map(({ input: _input, ...row }) => row),
    };
    if (options.dryRun === true) return result;
    if (plan.fileProblems.length > 0 || (bad.length > 0 && options.skipBadRows !== true)) {
      const problems = [...plan.fileProblems, ...bad.flatMap((r) => r.problems)];
      throw importRefused(
        'import_bad_rows',
        `Nothing was imported: ${problems.length} problem(s) in ${bad.length} row(s); correct them or skip those rows`,
        problems.slice(0, 1000),
      );
    }
    const batches = batchesOf(kind, toCreate, this.batch);
    for (const batch of batches) {
      const note = `${source}, batch ${result.batches + 1} of ${batches.length}`;
      result.created += await this.guard.process(
        { actor, operation: 'collect', ...recordTypes(kind), purpose: options.purpose, note },
        (ctx) =>
          kind === 'invoices'
            ? writeInvoices(ctx, batch, source, isoNow(this.clock))
            : writeBatch(ctx, kind, batch, source, isoNow(this.clock)),
      );
      result.batches += 1;
    }
    result.imported = true;
    return result;
  }
}

/** Invoices are invoice records that read their customers' (the organisation's record is the `subject` type's). */
const recordTypes = (kind: ImportKind) =>
  kind === 'invoices' ? ({ recordType: 'invoice', includes: ['subject'] } as const) : ({ recordType: 'subject' } as const);

/** The rows in batches of about `size`; an invoice's lines stay in one batch, so an invoice is written whole. */
function batchesOf(kind: ImportKind, rows: PlannedRow[], size: number): PlannedRow[][] {
  if (kind !== 'invoices') {
    const batches: PlannedRow[][] = [];
    for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
    return batches;
  }
  const batches: PlannedRow[][] = [];
  let current: PlannedRow[] = [];
  for (const lines of invoicesOf(rows).values()) {
    if (current.length > 0 && current.length + lines.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...lines);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function readTable(file: ImportFile, kind: ImportKind): ReadTable {
  const vcard = /\.(vcf|vcard)$/i.test(file.filename);
  if (!vcard) return readCsv(file.content);
  if (kind !== 'persons')
    throw validationFailed('A vCard file holds persons: import it as persons', [{ path: 'kind', message: 'must be persons' }]);
  return readVcard(file.content);
}

/** Marks rows imported before as unchanged, and a contact of an organisation we do not hold as a problem. */
async function resolve(ctx: ProcessingContext, kind: Exclude<ImportKind, 'invoices'>, rows: PlannedRow[]): Promise<void> {
  const good = rows.filter((r) => r.action === 'create');
  if (kind === 'organisations') {
    const found = await repo.organisationsByReference(
      ctx.trx,
      good.map((r) => r.reference),
    );
    for (const r of good) {
      const organisation = found.get(r.reference);
      if (organisation === undefined) continue;
      r.action = 'unchanged';
      ctx.touch('organisation', organisation.id);
    }
    return;
  }
  const subjects = await repo.subjectsByExternalReference(
    ctx.trx,
    good.map((r) => r.reference),
  );
  if (kind === 'persons') {
    for (const r of good) {
      const id = subjects.get(r.reference);
      if (id === undefined) continue;
      r.action = 'unchanged';
      ctx.touch('subject', id, id);
    }
    return;
  }
  const organisations = await repo.organisationsByReference(
    ctx.trx,
    good.map((r) => (r.input as ContactRowInput).organisationReference),
  );
  const roles = await repo.contactRolesOf(ctx.trx, [...subjects.values()]);
  for (const r of good) {
    const input = r.input as ContactRowInput;
    const organisation = organisations.get(input.organisationReference);
    const problem = (code: RowProblem['code'], column: string, message: string) => {
      r.problems.push({ row: r.row, column, code, message });
      r.action = 'bad';
      delete r.input;
    };
    if (organisation === undefined) {
      problem('organisation_unknown', 'organisation', 'no organisation has this reference: import the organisations first');
      continue;
    }
    if (input.owner && organisation.kind === 'legal_entity') {
      problem('owner_of_legal_entity', 'owner', 'a legal entity has no owner whose personal data it holds');
      continue;
    }
    const id = subjects.get(r.reference);
    if (id !== undefined && roles.has(`${organisation.id}:${id}`)) {
      r.action = 'unchanged';
      ctx.touch('contact_role', `${organisation.id}:${id}`, id);
    }
  }
}

/** Writes one batch in the processing's transaction; returns how many rows it created. */
async function writeBatch(
  ctx: ProcessingContext,
  kind: Exclude<ImportKind, 'invoices'>,
  batch: PlannedRow[],
  source: string,
  now: string,
) {
  const { trx } = ctx;
  switch (kind) {
    case 'organisations': {
      // Another import of the same file may have run since the check: the reference decides, again, here.
      const found = await repo.organisationsByReference(
        trx,
        batch.map((r) => r.reference),
      );
      const rows = batch.filter((r) => !found.has(r.reference)).map((r) => r.input as OrganisationRowInput);
      const references = await freeReferences(trx, 'organisations', 'O', rows.length);
      const organisations = rows.map((r, i) => ({
        id: randomUUID(),
        reference: references[i],
        name: r.organisation.name,
        kind: r.organisation.kind,
        kvk_number: r.organisation.kvkNumber ?? null,
        vat_number: r.organisation.vatNumber ?? null,
        email: r.organisation.email ?? null,
        phone: r.organisation.phone ?? null,
        external_reference: r.reference,
        import_source: source,
        created_at: now,
        updated_at: now,
      }));
      await repo.insertOrganisations(trx, organisations);
      await repo.insertOrganisationAddresses(
        trx,
        rows.flatMap((r, i) => addressRows('organisation_id', organisations[i]?.id ?? '', r.organisation.addresses, now)),
      );
      for (const o of organisations) ctx.touch('organisation', o.id);
      return organisations.length;
    }
    case 'persons': {
      const found = await repo.subjectsByExternalReference(
        trx,
        batch.map((r) => r.reference),
      );
      const rows = batch.filter((r) => !found.has(r.reference)).map((r) => r.input as PersonRowInput);
      const ids = await insertPersons(ctx, rows, source, now);
      return ids.length;
    }
    case 'contacts': {
      const rows = batch.map((r) => r.input as ContactRowInput);
      const found = await repo.subjectsByExternalReference(
        trx,
        rows.map((r) => r.reference),
      );
      const organisations = await repo.organisationsByReference(
        trx,
        rows.map((r) => r.organisationReference),
      );
      const roles = await repo.contactRolesOf(trx, [...found.values()]);
      const newPersons = rows.filter((r) => !found.has(r.reference));
      const ids = await insertPersons(ctx, newPersons, source, now);
      newPersons.forEach((r, i) => found.set(r.reference, ids[i] ?? ''));
      const links = rows.flatMap((r) => {
        const organisation = organisations.get(r.organisationReference);
        const subjectId = found.get(r.reference);
        if (organisation === undefined || subjectId === undefined || roles.has(`${organisation.id}:${subjectId}`)) return [];
        roles.add(`${organisation.id}:${subjectId}`);
        return [
          { organisation_id: organisation.id, subject_id: subjectId, role: r.role, owner: r.owner ? 1 : 0, created_at: now },
        ];
      });
      await repo.insertContactRoles(trx, links);
      for (const l of links) {
        ctx.touch('contact_role', `${l.organisation_id}:${l.subject_id}`, l.subject_id);
        // A sole trader's or partnership's own data becomes its owner's personal data (docs/organisations.md).
        if (l.owner === 1) ctx.touch('organisation', l.organisation_id, l.subject_id);
      }
      return links.length;
    }
  }
}

async function insertPersons(
  ctx: ProcessingContext,
  rows: (PersonRowInput | ContactRowInput)[],
  source: string,
  now: string,
): Promise<string[]> {
  const references = await freeReferences(ctx.trx, 'subjects', 'K', rows.length);
  const subjects = rows.map((r, i) => ({
    id: randomUUID(),
    reference: references[i],
    first_name: r.person.firstName,
    last_name: r.person.lastName,
    email: r.person.email ?? null,
    phone: r.person.phone ?? null,
    language: r.person.language,
    // Art. 14(2)(f), 15(1)(g): taken over from an earlier administration, which the access report says.
    source: 'import',
    external_reference: r.reference,
    import_source: source,
    created_at: now,
    updated_at: now,
  }));
  await repo.insertSubjects(ctx.trx, subjects);
  await repo.insertSubjectAddresses(
    ctx.trx,
    rows.flatMap((r, i) => addressRows('subject_id', subjects[i]?.id ?? '', r.person.addresses, now)),
  );
  for (const s of subjects) ctx.touch('subject', s.id, s.id);
  return subjects.map((s) => s.id);
}

function addressRows(
  owner: 'subject_id' | 'organisation_id',
  ownerId: string,
  addresses: { kind: string; street: string; postalCode: string; city: string; country: string }[],
  now: string,
) {
  return addresses.map((a) => ({
    id: randomUUID(),
    [owner]: ownerId,
    kind: a.kind,
    street: a.street,
    postal_code: a.postalCode,
    city: a.city,
    country: a.country,
    created_at: now,
  }));
}

/** `count` random customer references (K-… or O-…, as a form gives them) not in use, found in one query a round. */
async function freeReferences(
  trx: Transaction<DB>,
  table: 'subjects' | 'organisations',
  prefix: string,
  count: number,
): Promise<string[]> {
  const chosen = new Set<string>();
  while (chosen.size < count) {
    const candidates = new Set<string>();
    while (candidates.size < count - chosen.size) {
      const c = `${prefix}-${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
      if (!chosen.has(c)) candidates.add(c);
    }
    const taken = await repo.takenReferences(trx, table, [...candidates]);
    for (const c of candidates) if (!taken.has(c)) chosen.add(c);
  }
  return [...chosen];
}
