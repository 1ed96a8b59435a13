import { Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { patch, post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AddressFields, type FormAddressKind, type Place, addressesToSend, placeOf } from '../../components/address-fields.tsx';
import { DialogButton, FormActions } from '../../components/dialog-form.tsx';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from './types.ts';

interface Fields {
  name: string;
  kind: OrganisationKind;
  kvkNumber: string;
  vatNumber: string;
  email: string;
  phone: string;
  postal: Place;
  billing: Place;
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** An organisation's own details; what the API refuses is said at the field, in the page's language. */
function OrganisationForm({
  organisation,
  onDone,
  onCancel,
}: {
  organisation?: Organisation;
  onDone: (o: Organisation) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const [f, setF] = useState<Fields>({
    name: organisation?.name ?? '',
    kind: organisation?.kind ?? 'legal_entity',
    kvkNumber: organisation?.kvkNumber ?? '',
    vatNumber: organisation?.vatNumber ?? '',
    email: organisation?.email ?? '',
    phone: organisation?.phone ?? '',
    postal: placeOf(organisation?.addresses, 'postal'),
    billing: placeOf(organisation?.addresses, 'billing'),
  });
  const set = (changes: Partial<Fields>) => setF((old) => ({ ...old, ...changes }));
  const save = useAction(async () => {
    const addresses = addressesToSend(f.postal, f.billing, organisation?.addresses);
    const optional = {
      kvkNumber: orNull(f.kvkNumber),
      vatNumber: orNull(f.vatNumber),
      email: orNull(f.email),
      phone: orNull(f.phone),
    };
    if (organisation !== undefined)
      return patch<Organisation>(`/api/organisations/${organisation.id}`, { name: f.name, kind: f.kind, addresses, ...optional });
    const given = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== null));
    return post<Organisation>('/api/organisations', { name: f.name, kind: f.kind, addresses, ...given });
  }, onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save.run();
  };
  const problem = fieldProblems(save.error, t, language);
  const address = (kind: FormAddressKind) => (
    <AddressFields kind={kind} place={f[kind]} postal={f.postal} problem={problem} onChange={(place) => set({ [kind]: place })} />
  );
  return (
    <form onSubmit={submit}>
      <Stack>
        <ErrorAlert error={save.error} atFields={['name', 'kind', 'kvkNumber', 'vatNumber', 'email', 'phone', 'addresses.']} />
        <SimpleGrid cols={2}>
          <TextInput
            label={t('organisations.name')}
            error={problem.name}
            required
            value={f.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <Select
            label={t('organisations.kind')}
            error={problem.kind}
            value={f.kind}
            allowDeselect={false}
            onChange={(v) => set({ kind: v ?? 'legal_entity' })}
            data={ORGANISATION_KINDS.map((value) => ({ value, label: t(`organisations.kind.${value}`) }))}
          />
          <TextInput
            label={t('organisations.kvkNumber')}
            error={problem.kvkNumber}
            value={f.kvkNumber}
            onChange={(e) => set({ kvkNumber: e.currentTarget.value })}
          />
          <TextInput
            label={t('organisations.vatNumber')}
            error={problem.vatNumber}
            value={f.vatNumber}
            onChange={(e) => set({ vatNumber: e.currentTarget.value })}
          />
          <TextInput
            label={t('organisations.email')}
            error={problem.email}
            type="email"
            value={f.email}
            onChange={(e) => set({ email: e.currentTarget.value })}
          />
          <TextInput
            label={t('organisations.phone')}
            error={problem.phone}
            type="tel"
            value={f.phone}
            onChange={(e) => set({ phone: e.currentTarget.value })}
          />
        </SimpleGrid>
        {address('postal')}
        {address('billing')}
        <FormActions onCancel={onCancel} busy={save.busy} />
      </Stack>
    </form>
  );
}

/** Registers a new organisation and opens its page. */
export function NewOrganisationButton() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <DialogButton label={t('organisations.new')}>
      {(close) => <OrganisationForm onCancel={close} onDone={(o) => void navigate(`/organisations/${o.id}`)} />}
    </DialogButton>
  );
}

/** Changes an organisation's details. */
export function EditOrganisationButton({ organisation, onSaved }: { organisation: Organisation; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <DialogButton label={t('organisations.edit')} variant="light">
      {(close) => (
        <OrganisationForm
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
