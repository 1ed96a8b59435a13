import { randomInt, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB, OrganisationAddressRow, OrganisationRow } from '../db/types.ts';
import { conflict, notFound, validationFailed } from '../errors.ts';
import type { Actor } from '../guard/actor.ts';
import { withheldByObjection } from '../restrictions-objections/objection-check.ts';
import { withheldByRestriction } from '../restrictions-objections/restriction-check.ts';
import type { Guard, ProcessingContext } from '../guard/guard.ts';
import { parse } from '../shared/parse.ts';
import * as subjects from '../subjects/subject.repository.ts';
import { addressRows, freeReference as freeSubjectReference } from '../subjects/subject.service.ts';
import { sendContactNotice } from './contact-notice.ts';
import { presentContact, presentOrganisation } from './organisation.presenter.ts';
import * as organisations from './organisation.repository.ts';
import {
  type Contact,
  type ContactPatch,
  type NewContact,
  type NewOrganisation,
  type Organisation,
  type OrganisationPatch,
  type OrganisationSummary,
  contactPatchSchema,
  newContactSchema,
  newOrganisationSchema,
  organisationPatchSchema,
  organisationSearchSchema,
} from './organisation.schema.ts';

/**
 * Organisations as customers, and their contact persons (issue 20; docs/organisations.md). An organisation is a
 * customer record like a person's: it passes the guard as the policy's record type `subject`, so the same roles
 * and purposes apply and every processing is logged. The entry names the persons whose data was touched: the
 * contact persons, and for a sole trader or partnership its owners, whose personal data the organisation's own
 * data is. A legal entity's own data names nobody: it is not personal data.
 */
export class OrganisationService {
  private readonly guard: Guard;

  constructor(guard: Guard) {
    this.guard = guard;
  }

  async create(actor: Actor, input: NewOrganisation, purpose?: string): Promise<Organisation> {
    const data = parse(newOrganisationSchema, input, 'organisation');
    return this.guard.process({ actor, operation: 'collect', recordType: 'subject', purpose }, async (ctx) => {
      const { trx } = ctx;
      const now = ctx.clock.now().toISOString();
      const row: OrganisationRow = {
        id: randomUUID(),
        reference: await freeReference(trx),
        name: data.name,
        kind: data.kind,
        kvk_number: data.kvkNumber ?? null,
        vat_number: data.vatNumber ?? null,
        email: data.email ?? null,
        phone: data.phone ?? null,
        created_at: now,
        updated_at: now,
      };
      await organisations.create(trx, row);
      const addresses = organisationAddresses(row.id, data.addresses, now);
      await organisations.replaceAddresses(trx, row.id, addresses);
      ctx.touch('organisation', row.id);
      return presentOrganisation(row, addresses);
    });
  }

  /** Changes the organisation's own data; the log names its owners when that data is theirs. */
  async update(actor: Actor, id: string, input: OrganisationPatch, purpose?: string): Promise<Organisation> {
    const patch = parse(organisationPatchSchema, input, 'organisation change');
    return this.guard.process({ actor, operation: 'modify', recordType: 'subject', purpose }, async (ctx) => {
      const { trx } = ctx;
      const current = await organisations.getById(trx, id);
      if (current === undefined) throw notFound('Organisation', id);
      const now = ctx.clock.now().toISOString();
      const changes = {
        ...(patch.name === undefined ? {} : { name: patch.name }),
        ...(patch.kind === undefined ? {} : { kind: patch.kind }),
        ...(patch.kvkNumber === undefined ? {} : { kvk_number: patch.kvkNumber }),
        ...(patch.vatNumber === undefined ? {} : { vat_number: patch.vatNumber }),
        ...(patch.email === undefined ? {} : { email: patch.email }),
        ...(patch.phone === undefined ? {} : { phone: patch.phone }),
        updated_at: now,
      };
      if (patch.kind === 'legal_entity') await refuseOwners(trx, id);
      await organisations.update(trx, id, changes);
      if (patch.addresses !== undefined)
        await organisations.replaceAddresses(trx, id, organisationAddresses(id, patch.addresses, now));
      await touchOrganisation(ctx, [id]);
      const row = (await organisations.getById(trx, id)) ?? { ...current, ...changes };
      return presentOrganisation(row, await organisations.listAddresses(trx, id));
    });
  }

  /**
   * Adds a contact person: an existing customer, or a new person whose details the organisation gave us. A new
   * person's record says so (source `employer`, the organisation by name), which the access package and the
   * statement tell them (Art. 14(1)(d), 14(2)(f)).
   */
  async addContact(actor: Actor, organisationId: string, input: NewContact, purpose?: string): Promise<Contact> {
    const data = parse(newContactSchema, input, 'contact person');
    return this.guard.process(
      { actor, operation: 'collect', recordType: 'subject', subjectId: data.subjectId, purpose },
      async (ctx) => {
        const { trx } = ctx;
        const organisation = await organisations.getById(trx, organisationId);
        if (organisation === undefined) throw notFound('Organisation', organisationId);
        if (data.owner) await checkOwner(trx, organisation, null);
        const now = ctx.clock.now().toISOString();
        let subjectId = data.subjectId;
        if (subjectId === undefined) {
          const person = data.person;
          if (person === undefined)
            throw validationFailed('Invalid contact person: person: name the new person', [
              { path: 'person', message: 'is required' },
            ]);
          subjectId = randomUUID();
          await subjects.create(trx, {
            id: subjectId,
            reference: await freeSubjectReference(trx),
            first_name: person.firstName,
            last_name: person.lastName,
            gender: null,
            email: person.email ?? null,
            phone: person.phone ?? null,
            language: person.language ?? 'nl',
            source: 'employer',
            source_organisation: organisation.name,
            created_at: now,
            updated_at: now,
          });
          await subjects.replaceAddresses(trx, subjectId, addressRows(subjectId, person.addresses ?? [], now));
          const notice = await sendContactNotice(
            trx,
            this.guard.policy,
            {
              id: subjectId,
              email: person.email ?? null,
              language: person.language ?? 'nl',
              firstName: person.firstName,
              lastName: person.lastName,
            },
            organisation,
            data.role,
            now,
          );
          if (notice !== null) ctx.touch('outbox', notice, subjectId);
        } else if ((await subjects.getById(trx, subjectId)) === undefined) {
          throw notFound('Subject', subjectId);
        } else if ((await organisations.getContact(trx, organisationId, subjectId)) !== undefined) {
          throw conflict('This person is a contact person of the organisation already', { path: 'subjectId' });
        }
        await organisations.addContact(trx, {
          organisation_id: organisationId,
          subject_id: subjectId,
          role: data.role,
          owner: data.owner ? 1 : 0,
          created_at: now,
        });
        ctx.touch('subject', subjectId, subjectId);
        ctx.touch('contact_role', `${organisationId}:${subjectId}`, subjectId);
        await touchOrganisation(ctx, [organisationId]);
        const [contact] = (await organisations.listContacts(trx, [organisationId])).filter((c) => c.subject_id === subjectId);
        if (contact === undefined) throw notFound('Contact person', subjectId);
        return presentContact(contact);
      },
    );
  }

  /** Changes a contact person's role, or whether they own the organisation. */
  async updateContact(
    actor: Actor,
    organisationId: string,
    subjectId: string,
    input: ContactPatch,
    purpose?: string,
  ): Promise<Contact> {
    const patch = parse(contactPatchSchema, input, 'contact person change');
    return this.guard.process({ actor, operation: 'modify', recordType: 'subject', subjectId, purpose }, async (ctx) => {
      const { trx } = ctx;
      const organisation = await organisations.getById(trx, organisationId);
      if (organisation === undefined) throw notFound('Organisation', organisationId);
      if ((await organisations.getContact(trx, organisationId, subjectId)) === undefined)
        throw notFound('Contact person', subjectId);
      if (patch.owner === true) await checkOwner(trx, organisation, subjectId);
      await organisations.updateContact(trx, organisationId, subjectId, {
        ...(patch.role === undefined ? {} : { role: patch.role }),
        ...(patch.owner === undefined ? {} : { owner: patch.owner ? 1 : 0 }),
      });
      ctx.touch('contact_role', `${organisationId}:${subjectId}`, subjectId);
      const [contact] = (await organisations.listContacts(trx, [organisationId])).filter((c) => c.subject_id === subjectId);
      if (contact === undefined) throw notFound('Contact person', subjectId);
      return presentContact(contact);
    });
  }

  /**
   * Ends a person's role as contact: the link goes, and the person's name on the organisation's agreements and
   * invoices with it; the person's own record stays (they may be a customer themselves). An erasure request
   * removes the person as well (src/rights/executors/erasure.executor.ts).
   */
  async removeContact(actor: Actor, organisationId: string, subjectId: string, purpose?: string): Promise<void> {
    // The person's name goes from the organisation's agreements and invoices too.
    const processing = {
      actor,
      operation: 'erase',
      recordType: 'subject',
      includes: ['agreement', 'invoice'],
      subjectId,
      purpose,
    } as const;
    return this.guard.process(processing, async (ctx) => {
      const { trx } = ctx;
      if ((await organisations.getContact(trx, organisationId, subjectId)) === undefined)
        throw notFound('Contact person', subjectId);
      await organisations.removeContact(trx, organisationId, subjectId);
      ctx.touch('contact_role', `${organisationId}:${subjectId}`, subjectId);
    });
  }

  /**
   * One search is one consultation, naming every organisation and contact person it returns. A contact person
   * this actor may not consult (a restriction, an upheld objection) is left out of the answer, not the search.
   */
  async search(actor: Actor, input: unknown): Promise<OrganisationSummary[]> {
    const criteria = parse(organisationSearchSchema, input, 'search');
    return this.guard.process({ actor, operation: 'consult', recordType: 'subject' }, async (ctx) => {
      const found = await organisations.search(ctx.trx, criteria.q, criteria.limit);
      const visible = await this.visibleOrganisations(ctx, found);
      const contacts = await this.visibleContacts(
        ctx,
        visible.map((o) => o.id),
      );
      await touchOrganisation(
        ctx,
        visible.map((o) => o.id),
      );
      return visible.map((o) => ({
        id: o.id,
        reference: o.reference,
        name: o.name,
        kind: o.kind,
        kvkNumber: o.kvk_number,
        contacts: contacts
          .filter((c) => c.organisation_id === o.id)
          .map((c) => ({ subjectId: c.subject_id, firstName: c.first_name, lastName: c.last_name, role: c.role })),
      }));
    });
  }

  /** Organisations whose data is an owner's this actor may not consult are left out, as a person would be. */
  private async visibleOrganisations(ctx: ProcessingContext, rows: OrganisationRow[]): Promise<OrganisationRow[]> {
    const owners = await organisations.ownersOf(
      ctx.trx,
      rows.map((r) => r.id),
    );
    const withheld = await this.withheld(ctx, [...owners.values()].flat());
    return rows.filter((r) => !(owners.get(r.id) ?? []).some((s) => withheld.has(s)));
  }

  /** The contact persons of the organisations this actor may consult, each named in the log. */
  async visibleContacts(ctx: ProcessingContext, organisationIds: string[]) {
    const rows = await organisations.listContacts(ctx.trx, organisationIds);
    const withheld = await this.withheld(
      ctx,
      rows.map((r) => r.subject_id),
    );
    const visible = rows.filter((r) => !withheld.has(r.subject_id));
    for (const r of visible) ctx.touch('contact_role', `${r.organisation_id}:${r.subject_id}`, r.subject_id);
    return visible;
  }

  private async withheld(ctx: ProcessingContext, subjectIds: string[]): Promise<Set<string>> {
    return new Set([
      ...(await withheldByRestriction(this.guard.policy, ctx.processing, subjectIds, ctx.trx)),
      ...(await withheldByObjection(this.guard.policy, ctx.processing, subjectIds, ctx.trx)),
    ]);
  }
}

/** Names the organisations in the log entry, with the owners whose personal data a sole trader's or partnership's data is. */
export async function touchOrganisation(ctx: ProcessingContext, ids: string[]): Promise<void> {
  const owners = await organisations.ownersOf(ctx.trx, ids);
  for (const id of ids) {
    const own = owners.get(id) ?? [];
    if (own.length === 0) ctx.touch('organisation', id);
    for (const s of own) ctx.touch('organisation', id, s);
  }
}

/** An owner belongs to a sole trader (one) or a partnership (several); a legal entity's data is no person's. */
async function checkOwner(trx: Transaction<DB>, organisation: OrganisationRow, except: string | null): Promise<void> {
  if (organisation.kind === 'legal_entity') {
    throw validationFailed('Invalid contact person: owner: a legal entity has no owner whose personal data it holds', [
      { path: 'owner', message: 'is only for a sole trader or a partnership' },
    ]);
  }
  if (organisation.kind === 'sole_trader') {
    const owners = (await organisations.ownersOf(trx, [organisation.id])).get(organisation.id) ?? [];
    if (owners.some((s) => s !== except)) {
      throw validationFailed('Invalid contact person: owner: a sole trader has one owner, who is recorded already', [
        { path: 'owner', message: 'a sole trader has one owner' },
      ]);
    }
  }
}

/** A legal entity has no owners: refuse the change of kind while contact persons are marked as such. */
async function refuseOwners(trx: Transaction<DB>, id: string): Promise<void> {
  const owners = (await organisations.ownersOf(trx, [id])).get(id) ?? [];
  if (owners.length > 0) {
    throw validationFailed(
      'Invalid organisation: kind: a legal entity has no owners; first mark the owners as contact persons only',
      [{ path: 'kind', message: 'has owners recorded' }],
    );
  }
}

function organisationAddresses(
  organisationId: string,
  addresses: NewOrganisation['addresses'],
  now: string,
): OrganisationAddressRow[] {
  return addressRows(organisationId, addresses, now).map(({ subject_id, ...a }) => ({ ...a, organisation_id: subject_id }));
}

/** An organisation reference that is not in use, random like a person's. */
async function freeReference(trx: Transaction<DB>): Promise<string> {
  for (;;) {
    const candidate = `O-${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    if ((await organisations.getByReference(trx, candidate)) === undefined) return candidate;
  }
}
