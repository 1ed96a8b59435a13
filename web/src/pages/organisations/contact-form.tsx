import { Checkbox, SegmentedControl, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { type PickedSubject, SubjectPicker } from '../../components/subject-picker.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Contact, Organisation } from './types.ts';
import { DialogButton, FormActions } from '../../components/dialog-form.tsx';

type Who = 'new' | 'existing';

/**
 * Adds a contact person: a new person whose details the organisation gave us (their record says so, and the
 * access package tells them, Art. 14), or a customer we know. The owner box only for a sole trader or partnership.
 */
function ContactForm({
  organisation,
  onDone,
  onCancel,
}: {
  organisation: Organisation;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [who, setWho] = useState<Who>('new');
  const [person, setPerson] = useState({ firstName: '', lastName: '', email: '', phone: '' });
  const [picked, setPicked] = useState<PickedSubject | null>(null);
  const [role, setRole] = useState('');
  const [owner, setOwner] = useState(false);
  const save = useAction(async () => {
    const optional = Object.fromEntries(
      Object.entries({ email: person.email.trim(), phone: person.phone.trim() }).filter(([, v]) => v !== ''),
    );
    const whom =
      who === 'existing'
        ? { subjectId: picked?.id }
        : { person: { firstName: person.firstName, lastName: person.lastName, ...optional } };
    return post<Contact>(`/api/organisations/${organisation.id}/contacts`, { ...whom, role, owner });
  }, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const problem = fieldProblems(save.error, t, language);
  return (
    <Stack>
      <SegmentedControl
        aria-label={t('organisations.contactWho')}
        value={who}
        onChange={(v) => setWho(v)}
        data={[
          { value: 'new', label: t('organisations.contactNew') },
          { value: 'existing', label: t('organisations.contactExisting') },
        ]}
      />
      {who === 'existing' && (
        <Stack gap={4}>
          <SubjectPicker label={t('organisations.pickCustomer')} picked={picked} onPick={setPicked} />
          {problem.subjectId !== undefined && (
            <Text c="red.8" size="sm">
              {problem.subjectId}
            </Text>
          )}
        </Stack>
      )}
      <form onSubmit={submit}>
        <Stack>
          <ErrorAlert error={save.error} atFields={['person.', 'role', 'owner', ...(who === 'existing' ? ['subjectId'] : [])]} />
          {who === 'new' && (
            <SimpleGrid cols={2}>
              <TextInput
                label={t('customers.firstName')}
                error={problem['person.firstName']}
                required
                value={person.firstName}
                onChange={(e) => setPerson({ ...person, firstName: e.currentTarget.value })}
              />
              <TextInput
                label={t('customers.lastName')}
                error={problem['person.lastName']}
                required
                value={person.lastName}
                onChange={(e) => setPerson({ ...person, lastName: e.currentTarget.value })}
              />
              <TextInput
                label={t('customers.email')}
                error={problem['person.email']}
                type="email"
                value={person.email}
                onChange={(e) => setPerson({ ...person, email: e.currentTarget.value })}
              />
              <TextInput
                label={t('customers.phone')}
                error={problem['person.phone']}
                type="tel"
                value={person.phone}
                onChange={(e) => setPerson({ ...person, phone: e.currentTarget.value })}
              />
            </SimpleGrid>
          )}
          <TextInput
            label={t('organisations.role')}
            error={problem.role}
            required
            value={role}
            onChange={(e) => setRole(e.currentTarget.value)}
          />
          {organisation.kind !== 'legal_entity' && (
            <Checkbox
              label={t('organisations.owner')}
              description={t('organisations.ownerHint')}
              error={problem.owner}
              checked={owner}
              onChange={(e) => setOwner(e.currentTarget.checked)}
            />
          )}
          <FormActions onCancel={onCancel} busy={save.busy} />
        </Stack>
      </form>
    </Stack>
  );
}

export function AddContactButton({ organisation, onSaved }: { organisation: Organisation; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <DialogButton label={t('organisations.addContact')} variant="light">
      {(close) => (
        <ContactForm
          organisation={organisation}
          onCancel={close}
          onDone={() => {
            close();
            onSaved();
          }}
        />
      )}
    </DialogButton>
  );
}
