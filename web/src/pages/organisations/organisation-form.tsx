import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { patch, post } from '../../api/client.ts';
import { fieldProblems } from '../../api/error-text.ts';
import { useAction } from '../../api/use-action.ts';
import { ErrorAlert } from '../../components/page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Address } from '../customers/types.ts';
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from './types.ts';

type Place = Omit<Address, 'kind'>;
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

const EMPTY_ADDRESS: Place = { street: '', postalCode: '', city: '', country: 'NL' };
const addressOf = (o: Organisation | undefined, kind: Address['kind']): Place => {
  const a = o?.addresses.find((x) => x.kind === kind);
  return a === undefined ? EMPTY_ADDRESS : { street: a.street, postalCode: a.postalCode, city: a.city, country: a.country };
};
const filled = (a: Place) => a.street.trim() !== '' || a.postalCode.trim() !== '' || a.city.trim() !== '';
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
    postal: addressOf(organisation, 'postal'),
    billing: addressOf(organisation, 'billing'),
  });
  const set = (changes: Partial<Fields>) => setF((old) => ({ ...old, ...changes }));
  const save = useAction(async () => {
    const addresses: Address[] = [
      ...(filled(f.postal) ? [{ kind: 'postal' as const, ...f.postal }] : []),
      ...(filled(f.billing) ? [{ kind: 'billing' as const, ...f.billing }] : []),
      ...(organisation?.addresses.filter((a) => a.kind === 'delivery') ?? []),
    ];
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
  const at = (kind: 'postal' | 'billing', field: string) =>
    problem[`addresses.${kind === 'billing' && filled(f.postal) ? 1 : 0}.${field}`];
  const address = (kind: 'postal' | 'billing') => (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t(`customers.address.${kind}`)}
      </Title>
      <TextInput
        label={t('customers.street')}
        error={at(kind, 'street')}
        value={f[kind].street}
        onChange={(e) => set({ [kind]: { ...f[kind], street: e.currentTarget.value } })}
      />
      <SimpleGrid cols={3}>
        <TextInput
          label={t('customers.postalCode')}
          error={at(kind, 'postalCode')}
          value={f[kind].postalCode}
          onChange={(e) => set({ [kind]: { ...f[kind], postalCode: e.currentTarget.value } })}
        />
        <TextInput
          label={t('customers.city')}
          error={at(kind, 'city')}
          value={f[kind].city}
          onChange={(e) => set({ [kind]: { ...f[kind], city: e.currentTarget.value } })}
        />
        <TextInput
          label={t('customers.country')}
          error={at(kind, 'country')}
          value={f[kind].country}
          maxLength={2}
          onChange={(e) => set({ [kind]: { ...f[kind], country: e.currentTarget.value.toUpperCase() } })}
        />
      </SimpleGrid>
    </Stack>
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
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Registers a new organisation and opens its page. */
export function NewOrganisationButton() {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  return (
    <>
      <Button onClick={open}>{t('organisations.new')}</Button>
      <Modal
        opened={opened}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('organisations.new')}
        size="lg"
      >
        <OrganisationForm onCancel={close} onDone={(o) => void navigate(`/organisations/${o.id}`)} />
      </Modal>
    </>
  );
}

/** Changes an organisation's details. */
export function EditOrganisationButton({ organisation, onSaved }: { organisation: Organisation; onSaved: () => void }) {
  const { t } = useI18n();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="light" onClick={open}>
        {t('organisations.edit')}
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        closeButtonProps={{ 'aria-label': t('records.close') }}
        title={t('organisations.edit')}
        size="lg"
      >
        <OrganisationForm
          organisation={organisation}
          onCancel={close}
          onDone={() => {
            close();
            onSaved();
          }}
        />
      </Modal>
    </>
  );
}
