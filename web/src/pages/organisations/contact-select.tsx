import { Select } from '@mantine/core';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Contact } from './types.ts';

/** A contact person as a choice: by name and role, never by an id. */
export type ContactChoice = Pick<Contact, 'subjectId' | 'firstName' | 'lastName' | 'role'>;

/** The name a record of an organisation shows for the contact person it names, or a dash. */
export function contactNameOf(contacts: ContactChoice[], id: string | null): string {
  const c = contacts.find((x) => x.subjectId === id);
  return c === undefined ? '–' : `${c.firstName} ${c.lastName}`;
}

/**
 * Chooses one of an organisation's contact persons for an agreement or invoice (issue 20): the person it names,
 * and to whom an invoice is mailed. Optional: without one, nobody is named.
 */
export function ContactSelect({
  contacts,
  value,
  onChange,
  error,
  description,
}: {
  contacts: ContactChoice[];
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
  description?: string;
}) {
  const { t } = useI18n();
  return (
    <Select
      label={t('organisations.contactPerson')}
      description={description}
      placeholder={t('organisations.contactNone')}
      clearable
      value={value}
      error={error}
      onChange={onChange}
      data={contacts.map((c) => ({ value: c.subjectId, label: `${c.firstName} ${c.lastName} (${c.role})` }))}
    />
  );
}
