import type { Transaction } from 'kysely';
import type { RecordContacts } from '../agreements/record-contact.ts';
import type { DB } from '../db/types.ts';
import { validationFailed } from '../errors.ts';
import * as organisations from './organisation.repository.ts';
import { touchOrganisation } from './organisation.service.ts';

/**
 * Refuses a contact person who is not (or no longer) one of the organisation's: an agreement or invoice names only
 * its own organisation's contact persons, when it is made and when it is changed.
 */
export async function checkContact(trx: Transaction<DB>, organisationId: string, contactId: string): Promise<void> {
  if ((await organisations.getContact(trx, organisationId, contactId)) === undefined) {
    throw validationFailed('Invalid record: contactId: is not a contact person of the organisation', [
      { path: 'contactId', message: 'is not a contact person of the organisation' },
    ]);
  }
}

/** The contact persons as the agreements and invoices of an organisation name them (src/agreements/record-contact.ts). */
export const recordContacts: RecordContacts = {
  requireContact: (ctx, organisationId, contactId) => checkContact(ctx.trx, organisationId, contactId),
  touchOrganisation: (ctx, organisationId) => touchOrganisation(ctx, [organisationId]),
  async contactOf(ctx, organisationId, contactId) {
    const row = await organisations.getContactName(ctx.trx, organisationId, contactId);
    return row === undefined ? undefined : { name: `${row.first_name} ${row.last_name}`, role: row.role };
  },
};
