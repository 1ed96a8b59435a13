import { z } from 'zod';
import { validationFailed } from '../errors.ts';
import type { ProcessingContext } from '../guard/guard.ts';

// The contact person an organisation's agreement or invoice names (issue 20; docs/organisations.md). Contact persons
// are the organisations module's, which sits above agreements and invoices: it hands them these functions where the
// app is composed (src/services.ts), so the rules about contact persons keep one home.

/** A contact person as an agreement or invoice names them: by name and role at the organisation, never by an id. */
export const recordContactSchema = z.object({ name: z.string(), role: z.string() });
export type RecordContact = z.infer<typeof recordContactSchema>;

export interface RecordContacts {
  /** Refuses (validation_failed at `contactId`) unless the person is a current contact person of the organisation. */
  requireContact(ctx: ProcessingContext, organisationId: string, contactId: string): Promise<void>;
  /** Names the organisation's record in the processing's log entry, with the owners whose personal data it is. */
  touchOrganisation(ctx: ProcessingContext, organisationId: string): Promise<void>;
  /** The contact person's name and role at the organisation; undefined when they are no longer its contact. */
  contactOf(ctx: ProcessingContext, organisationId: string, contactId: string): Promise<RecordContact | undefined>;
}

/** The columns of an agreement or invoice that say whose it is. */
interface Owned {
  id: string;
  organisation_id: string | null;
  contact_id: string | null;
}

/**
 * Names another contact person, or none (`null`), on an organisation's agreement or invoice, inside the caller's
 * processing: the new one must be a current contact person of the same organisation, and the entry names them
 * next to the one the record named before (whom the caller names with the record), since both persons' data
 * changes. Returns the column to write; nothing when `contactId` is absent or names whom the record names already.
 */
export async function changeContact(
  ctx: ProcessingContext,
  contacts: RecordContacts,
  record: Owned,
  contactId: string | null | undefined,
): Promise<{ contact_id?: string | null }> {
  if (contactId === undefined || contactId === record.contact_id) return {};
  if (record.organisation_id === null) {
    // A person's own record names nobody else: the check constraint `*_contact_of_organisation` says the same.
    throw validationFailed("Invalid record: contactId: only an organisation's agreement or invoice names a contact person", [
      { path: 'contactId', message: "only an organisation's agreement or invoice names a contact person" },
    ]);
  }
  if (contactId !== null) {
    await contacts.requireContact(ctx, record.organisation_id, contactId);
    // Their role at the organisation was read to check it.
    ctx.touch('contact_role', `${record.organisation_id}:${contactId}`, contactId);
  }
  return { contact_id: contactId };
}
